/** The player page's stylesheet: video left, chat pane right, stacked on narrow screens. */
export const PLAYER_CSS = `
:root { color-scheme: dark; --bg: #0e0e10; --panel: #18181b; --line: #2a2a2e; --text: #efeff1; --muted: #adadb8; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; background: var(--bg); color: var(--text);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Apple SD Gothic Neo", sans-serif; }
body { display: flex; flex-direction: column; }
header { display: flex; align-items: baseline; gap: 12px; padding: 8px 14px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 15px; margin: 0; font-weight: 600; }
header .source { color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
main { flex: 1; display: flex; min-height: 0; }
.stage { flex: 1; display: flex; flex-direction: column; min-width: 0; padding: 12px; gap: 8px; }
video { width: 100%; flex: 1; min-height: 0; background: #000; border-radius: 6px; }
#status { color: var(--muted); font-size: 12px; font-family: ui-monospace, monospace; }
#status.warning { color: #ffb347; }
#status.error { color: #ff6b6b; }
aside { width: 360px; display: flex; flex-direction: column; background: var(--panel); border-left: 1px solid var(--line); }
.pane-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 10px 12px; border-bottom: 1px solid var(--line); font-size: 13px; }
.pane-controls label { display: inline-flex; align-items: center; gap: 6px; color: var(--muted); }
select { background: var(--bg); color: var(--text); border: 1px solid var(--line); border-radius: 4px; padding: 3px 6px; font: inherit; }
#chat-list { flex: 1; overflow-y: auto; margin: 0; padding: 8px 0; list-style: none; }
#chat-list:empty::before { content: attr(data-empty); display: block; padding: 12px; color: var(--muted); }
.chat-line { padding: 3px 12px; overflow-wrap: anywhere; }
.chat-line:hover { background: #26262c; }
.chat-line.no-author .message { color: var(--muted); font-style: italic; }
.author { font-weight: 700; }
.badge { display: inline-block; margin-right: 4px; padding: 0 4px; border-radius: 3px; font-size: 10px; font-weight: 700;
  line-height: 16px; vertical-align: 1px; text-transform: uppercase; color: #fff; background: #55555f; }
.badge-broadcaster, .badge-owner { background: #e91916; }
.badge-moderator, .badge-mod { background: #00ad03; }
.badge-vip { background: #e005b9; }
.badge-subscriber, .badge-sub, .badge-member { background: #8205b4; }
.badge-verified, .badge-staff { background: #1f69ff; }
.chat-line.cue-donation, .chat-line.cue-highlight { background: #3a2f0b; border-left: 3px solid #daa520; }
.chat-line.cue-subscription { background: #2a1740; border-left: 3px solid #8205b4; }
.chat-line.cue-system .message { color: var(--muted); }
::cue { background: rgba(0, 0, 0, 0.7); }
::cue(.moderator), ::cue(.mod) { color: #7fdc7f; }
::cue(.broadcaster) { color: #ff8f8f; }
@media (max-width: 800px) { main { flex-direction: column; } aside { width: auto; height: 45vh; border-left: 0; border-top: 1px solid var(--line); } }
`;
