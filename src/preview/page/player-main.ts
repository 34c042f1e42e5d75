import type Hls from 'hls.js';
import type { ChatLine } from './chat-cue.js';
import type { ChatPane, createChatPane } from './chat-pane.js';
import type { ChatCueLike, PaneLine } from './pane-lines.js';

export interface PlayerConfig {
  /** The master playlist, as a URL path on the preview server. */
  masterUrl: string;
  /** How many lines the chat pane keeps; older ones scroll away. */
  maxMessages: number;
}

/** What the page script passes in: the other page functions and the hls.js global, if it loaded. */
export interface PlayerDeps {
  Hls: typeof Hls | undefined;
  parseChatCueText: (cueText: string) => ChatLine;
  linesDueAt: (cues: readonly ChatCueLike[], time: number) => PaneLine[];
  createChatPane: typeof createChatPane;
}

/** `window.__chatReplay`: read by the browser test, handy in devtools too. */
export interface ChatReplayHook {
  /** True once the video's metadata loaded. */
  ready: boolean;
  engine: 'hls.js' | 'native';
  /** The first fatal playback error, if any. */
  error: string | null;
  /**
   * Problems with subtitle segments or playlists that did not stop playback (a zero-byte segment,
   * a playlist that fails to load): exactly what someone checking a rendition needs to see.
   */
  warnings: string[];
  paneMessages(): string[];
  subtitleTracks(): string[];
  selectedSubtitleTrack(): number;
  selectSubtitleTrack(index: number): void;
  setOverlay(on: boolean): void;
}

/** The subtitle renditions of the master, whichever engine plays it. */
interface Renditions {
  labels(): string[];
  selected(): number;
  select(index: number): void;
  setOverlay(on: boolean): void;
  /** The selected rendition's TextTrack, whose cues feed the chat pane. */
  textTrack(): TextTrack | null;
}

/**
 * The player page: wires the video, the rendition selector, the overlay toggle and the chat pane.
 * hls.js (MSE) everywhere except Safari, which plays HLS itself and exposes the renditions as
 * video.textTracks; `?engine=native` or `?engine=hls.js` forces one for comparison.
 *
 * Sent to the browser as source text (see player-script.ts): it must not refer to anything outside
 * its body; everything else comes in through `deps`.
 */
export function startPlayer(win: Window, deps: PlayerDeps, config: PlayerConfig): ChatReplayHook {
  const doc = win.document;
  const byId = <T extends HTMLElement>(id: string): T => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`player page is missing #${id}`);
    return el as T;
  };
  const video = byId<HTMLVideoElement>('video');
  const select = byId<HTMLSelectElement>('track-select');
  const overlay = byId<HTMLInputElement>('overlay-toggle');
  const status = byId<HTMLElement>('status');
  const cueStyleEl = doc.createElement('style');
  doc.head.append(cueStyleEl);
  const chatList = byId<HTMLElement>('chat-list');
  const pane: ChatPane = deps.createChatPane(
    chatList,
    { parse: deps.parseChatCueText, linesDueAt: deps.linesDueAt },
    config.maxMessages,
    cueStyleEl.sheet,
  );

  const forced = new URLSearchParams(win.location.search).get('engine');
  const playsHlsItself = video.canPlayType('application/vnd.apple.mpegurl') !== '';
  // Chromium also answers "maybe" for HLS nowadays, but only Safari's native player exposes the
  // subtitle renditions as text tracks; so native means Safari (Apple's vendor string) or no MSE.
  const isSafari = win.navigator.vendor.startsWith('Apple');
  const hlsJsUsable = !!deps.Hls && deps.Hls.isSupported();
  const useHlsJs = forced === 'hls.js' ? hlsJsUsable : forced !== 'native' && hlsJsUsable && !(playsHlsItself && isSafari);

  const hook: ChatReplayHook = {
    ready: false,
    engine: useHlsJs ? 'hls.js' : 'native',
    error: null,
    warnings: [],
    paneMessages: () => pane.messages(),
    subtitleTracks: () => renditions.labels(),
    selectedSubtitleTrack: () => renditions.selected(),
    selectSubtitleTrack: (index) => {
      renditions.select(index);
      refreshSelector();
      sync();
    },
    setOverlay: (on) => {
      overlay.checked = on;
      renditions.setOverlay(on);
    },
  };

  const warn = (message: string): void => {
    hook.warnings.push(message);
    sync();
  };

  const fail = (message: string): void => {
    hook.error ??= message;
    status.textContent = message;
    status.classList.add('error');
  };

  const renditions: Renditions = useHlsJs && deps.Hls ? hlsJsRenditions(deps.Hls) : nativeRenditions();

  function hlsJsRenditions(HlsCtor: typeof Hls): Renditions {
    const hls = new HlsCtor({ enableWebVTT: true, renderTextTracksNatively: true });
    hls.subtitleDisplay = overlay.checked;
    const trackOf = (index: number): TextTrack | null => {
      const rendition = hls.subtitleTracks[index];
      if (!rendition) return null;
      if (rendition.trackNode) return rendition.trackNode.track;
      return [...video.textTracks].find((t) => t.label === rendition.name && t.language === (rendition.lang ?? '')) ?? null;
    };
    const E = HlsCtor.Events;
    let userChose = false;
    // hls.js enables only a DEFAULT=YES rendition by itself; a preview exists to show the chat, so
    // without one it starts on the first rendition rather than on nothing.
    const adoptFirst = (): void => {
      if (!userChose && hls.subtitleTrack < 0 && hls.subtitleTracks.length > 0) hls.subtitleTrack = 0;
      refreshSelector();
    };
    hls.on(E.MANIFEST_PARSED, refreshSelector);
    // hls.js makes its own initial choice right after announcing the tracks; decide after it.
    hls.on(E.SUBTITLE_TRACKS_UPDATED, () => win.setTimeout(adoptFirst, 0));
    hls.on(E.SUBTITLE_TRACK_SWITCH, () => {
      refreshSelector();
      sync();
    });
    hls.on(E.SUBTITLE_FRAG_PROCESSED, (_event, data) => {
      if (!data.success) warn(`subtitle segment ${data.frag.url}: ${data.error?.message ?? 'not parsed'}`);
      sync();
    });
    hls.on(E.ERROR, (_event, data) => {
      const message = `hls.js: ${data.type} ${data.details}${data.error ? `: ${data.error.message}` : ''}`;
      if (data.fatal) fail(message);
      // hls.js aborts loads itself on every seek and track switch; those are not the rendition's fault.
      else if (data.details === HlsCtor.ErrorDetails.INTERNAL_ABORTED) return;
      else if (data.frag?.type === 'subtitle' || /SUBTITLE/i.test(data.details)) warn(`${message}${data.frag ? ` (${data.frag.url})` : ''}`);
    });
    hls.loadSource(config.masterUrl);
    hls.attachMedia(video);
    return {
      labels: () => hls.subtitleTracks.map((t) => (t.lang ? `${t.name} (${t.lang})` : t.name)),
      selected: () => hls.subtitleTrack,
      select: (index) => {
        userChose = true;
        hls.subtitleTrack = index;
      },
      setOverlay: (on) => {
        hls.subtitleDisplay = on;
      },
      textTrack: () => trackOf(hls.subtitleTrack),
    };
  }

  function nativeRenditions(): Renditions {
    const tracks = (): TextTrack[] => [...video.textTracks].filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
    let selected = -1;
    let userChose = false;
    // Safari does not say which rendition is DEFAULT=YES, so read it from the master ourselves.
    let defaultName = '';
    win.fetch(config.masterUrl).then((res) => res.text()).then((master) => {
      const line = master.split(/\r?\n/).find((l) => l.startsWith('#EXT-X-MEDIA:') && l.includes('TYPE=SUBTITLES') && l.includes('DEFAULT=YES'));
      defaultName = /NAME="([^"]*)"/.exec(line ?? '')?.[1] ?? '';
      adoptDefault();
    }, () => undefined);
    const applyModes = (): void => {
      tracks().forEach((t, i) => {
        const mode = i === selected ? (overlay.checked ? 'showing' : 'hidden') : 'disabled';
        if (t.mode !== mode) t.mode = mode;
      });
    };
    // Until the user picks one: the DEFAULT=YES rendition, else one Safari enabled itself, else the first.
    const adoptDefault = (): void => {
      if (userChose) return;
      const list = tracks();
      const byName = list.findIndex((t) => defaultName !== '' && t.label === defaultName);
      const enabled = list.findIndex((t) => t.mode !== 'disabled');
      selected = byName >= 0 ? byName : enabled >= 0 ? enabled : list.length > 0 ? 0 : -1;
      applyModes();
      refreshSelector();
    };
    video.textTracks.addEventListener('addtrack', adoptDefault);
    // Picking a rendition from Safari's own subtitles menu shows it: follow that choice.
    video.textTracks.addEventListener('change', () => {
      const showing = tracks().findIndex((t) => t.mode === 'showing');
      if (showing >= 0 && showing !== selected) {
        selected = showing;
        userChose = true;
        overlay.checked = true;
        applyModes();
        refreshSelector();
      }
    });
    if (playsHlsItself) video.src = config.masterUrl;
    else fail('this browser cannot play HLS by itself; open the page without ?engine=native');
    return {
      labels: () => tracks().map((t) => (t.language ? `${t.label} (${t.language})` : t.label)),
      selected: () => selected,
      select: (index) => {
        userChose = true;
        selected = index;
        applyModes();
      },
      setOverlay: () => applyModes(),
      textTrack: () => tracks()[selected] ?? null,
    };
  }

  function refreshSelector(): void {
    const labels = renditions.labels();
    const options = [{ value: '-1', text: 'off' }, ...labels.map((text, i) => ({ value: String(i), text }))];
    const current = [...select.options].map((o) => `${o.value}=${o.text}`).join('\n');
    if (current !== options.map((o) => `${o.value}=${o.text}`).join('\n')) {
      select.replaceChildren(...options.map((o) => new Option(o.text, o.value)));
    }
    select.value = String(renditions.selected());
  }

  function sync(): void {
    const track = renditions.textTrack();
    const cues = track?.cues ? ([...track.cues] as VTTCue[]) : [];
    pane.sync(cues, video.currentTime);
    chatList.dataset.empty = track ? 'No chat yet at this point of the video.' : 'No subtitle rendition selected.';
    if (!hook.error) {
      const name = select.selectedOptions[0]?.text ?? 'off';
      // Chromium's own HLS player, for one, plays the video but exposes no subtitle renditions.
      const none = hook.ready && renditions.labels().length === 0 ? ' · this player exposes no subtitle renditions' : '';
      const warned = hook.warnings.length > 0 ? ` · ⚠ ${hook.warnings.length} subtitle problem(s), last: ${hook.warnings[hook.warnings.length - 1]}` : '';
      status.textContent = `${hook.engine} · ${video.currentTime.toFixed(1)} s · ${name} · ${pane.messages().length} shown${none}${warned}`;
      status.classList.toggle('warning', warned !== '');
    }
  }

  select.addEventListener('change', () => hook.selectSubtitleTrack(Number(select.value)));
  overlay.addEventListener('change', () => renditions.setOverlay(overlay.checked));
  for (const event of ['timeupdate', 'seeking', 'seeked', 'pause', 'play', 'loadeddata']) video.addEventListener(event, sync);
  video.addEventListener('loadedmetadata', () => {
    hook.ready = true;
    refreshSelector();
    sync();
  });
  video.addEventListener('error', () => fail(`video: ${video.error?.message || `media error ${video.error?.code ?? ''}`}`));
  // Cues arrive segment by segment with no event on the TextTrack that fires for every engine; a
  // cheap poll (the pane does nothing when nothing changed) catches them while paused too.
  win.setInterval(sync, 500);

  Object.assign(win, { __chatReplay: hook });
  return hook;
}
