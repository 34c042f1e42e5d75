/** `10k` → 10000, `1m` → 1000000. */
export function parseCount(text) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`not a count: "${text}" (e.g. 10k, 200k, 1m)`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]);
}

export function formatCount(n) {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`;
  return String(n);
}

const USAGE = `node bench/run.js [options]   (npm run bench -- [options])
  --smoke              smallest size, one run, no node-webvtt beyond it: proves the bench still works (CI)
  --sizes 10k,100k,1m  message counts (default 10k,100k,200k,1m; 200k is where node-webvtt is compared)
  --shapes twitch,native   archive shapes (default both; also ytdlp: yt-dlp .live_chat.json, 1.4 kB a message)
  --runs N             runs per measurement (default 3)
  --segment S          video segment length in seconds (default 6)
  --webvtt-max N       largest size node-webvtt is run on (default 200k; it needs ~6 s there)
  --seed N             generator seed (default 1)
  --no-baselines       only time \`package\`
  --node-args "..."    extra node flags for the package child, e.g. "--max-old-space-size=200"
  --profile            one run per scenario under --cpu-prof; prints the heaviest functions
  --out FILE           where the results JSON goes (default bench/results.json; smoke: bench/data/)`;

export function parseBenchArgs(argv) {
  const o = { smoke: false, sizes: [1e4, 1e5, 2e5, 1e6], shapes: ['twitch', 'native'], runs: 3, segment: 6, webvttMax: 2e5, seed: 1, baselines: true, nodeArgs: [], profile: false, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--smoke') o.smoke = true;
    else if (a === '--sizes') o.sizes = value().split(',').map(parseCount);
    else if (a === '--shapes') o.shapes = value().split(',');
    else if (a === '--runs') o.runs = parseCount(value());
    else if (a === '--segment') o.segment = Number(value());
    else if (a === '--webvtt-max') o.webvttMax = parseCount(value());
    else if (a === '--seed') o.seed = parseCount(value());
    else if (a === '--no-baselines') o.baselines = false;
    else if (a === '--node-args') o.nodeArgs = value().split(/\s+/).filter(Boolean);
    else if (a === '--profile') o.profile = true;
    else if (a === '--out') o.out = value();
    else if (a === '--help' || a === '-h') return { help: USAGE };
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  for (const s of o.shapes) if (!['twitch', 'native', 'ytdlp'].includes(s)) throw new Error(`unknown shape "${s}" (twitch, native, ytdlp)`);
  if (!(o.segment > 0)) throw new Error('--segment must be a positive number of seconds');
  if (o.smoke) {
    o.sizes = [Math.min(...o.sizes)];
    o.runs = 1;
  }
  o.sizes.sort((a, b) => a - b);
  return o;
}
