import { escapeHtml } from './html.js';

/** A self-contained page: the shared document head (inline CSS, no scripts, no external resources) around `main`. */
export function htmlPage(title: string, css: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>`;
}
