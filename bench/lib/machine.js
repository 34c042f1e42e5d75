import { cpus, loadavg, totalmem } from 'node:os';

/** What the figures were measured on; timings mean little without it. */
export function describeMachine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** 1-minute load average: on a shared 2-core box, a load above 2 means other work competed for the CPU. */
export const load1 = () => Number(loadavg()[0].toFixed(2));
