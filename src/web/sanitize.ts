/**
 * The one place where HTML made from user or model text reaches the page. `marked` passes raw
 * HTML through (engineering-notes: "marked passes raw HTML"), so its output is parsed into an
 * inert document (DOMParser runs no scripts and loads no images) and rebuilt in the live page
 * from a short list of tags, with every attribute dropped.
 */
const ALLOWED = new Set(['P', 'UL', 'OL', 'LI', 'STRONG', 'EM', 'BR']);
/** Elements whose content is never text for the reader: dropped with everything inside. */
const DROPPED = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'NOSCRIPT',
  'TEXTAREA',
  'SELECT',
  'TITLE',
  'HEAD',
  'LINK',
  'META',
  'FRAME',
  'FRAMESET',
  'AUDIO',
  'VIDEO',
  'CANVAS',
  'IMG',
  'INPUT',
  'BUTTON',
  'FORM',
]);
/** Blocks that become paragraphs rather than run into the text around them. */
const BLOCKS = new Set([
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'PRE',
  'DIV',
  'TABLE',
  'TR',
  'SECTION',
  'ARTICLE',
  'HR',
]);

function copyInto(source: Node, target: Node, doc: Document): void {
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      target.appendChild(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue; // comments, processing instructions
    const tagName = (child as Element).tagName.toUpperCase();
    if (DROPPED.has(tagName)) continue;
    if (ALLOWED.has(tagName)) {
      const clean = doc.createElement(tagName.toLowerCase());
      copyInto(child, clean, doc);
      target.appendChild(clean);
    } else if (BLOCKS.has(tagName)) {
      const paragraph = doc.createElement('p');
      copyInto(child, paragraph, doc);
      if (paragraph.childNodes.length > 0) target.appendChild(paragraph);
    } else {
      // Links, code, spans, tables cells…: keep the words, lose the element.
      copyInto(child, target, doc);
    }
  }
}

/** Turns an HTML string into a fragment of p, ul, ol, li, strong, em and br with no attributes. */
export function sanitizeHtml(html: string, doc: Document = document): DocumentFragment {
  const inert = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const fragment = doc.createDocumentFragment();
  copyInto(inert.body, fragment, doc);
  return fragment;
}
