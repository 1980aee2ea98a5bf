import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** Lesson Markdown as sanitized HTML (lesson files are content, and content is never trusted as markup). */
export function renderMarkdown(md: string): string {
  const html = marked.parse(md, { async: false, gfm: true }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
