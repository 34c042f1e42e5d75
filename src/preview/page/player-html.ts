/** The player page. Everything it loads comes from this server; hls.js from the installed npm package. */
export function playerHtml(options: { title: string; assetBase: string }): string {
  const title = escapeHtml(options.title);
  const base = escapeHtml(options.assetBase);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>chat-replay preview · ${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}player.css">
</head>
<body>
<header><h1>chat-replay preview</h1><span class="source" title="${title}">${title}</span></header>
<main>
  <section class="stage">
    <video id="video" controls playsinline></video>
    <div id="status">loading…</div>
  </section>
  <aside>
    <div class="pane-controls">
      <label>Rendition <select id="track-select"><option value="-1">off</option></select></label>
      <label><input type="checkbox" id="overlay-toggle"> show over video</label>
    </div>
    <ol id="chat-list" aria-live="polite" aria-label="chat replay" data-empty="Loading…"></ol>
  </aside>
</main>
<script src="${base}hls.min.js"></script>
<script src="${base}player.js"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
