/** Render Markdown for a terminal with chalk styles, using marked's lexer (no HTML ever emitted). */
import type { ChalkInstance } from 'chalk';
import { Lexer, type Token, type Tokens } from 'marked';

function inline(tokens: Token[] | undefined, chalk: ChalkInstance): string {
  if (!tokens) return '';
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'strong':
          return chalk.bold(inline((token as Tokens.Strong).tokens, chalk));
        case 'em':
          return chalk.italic(inline((token as Tokens.Em).tokens, chalk));
        case 'codespan':
          return chalk.cyan((token as Tokens.Codespan).text);
        case 'link': {
          const link = token as Tokens.Link;
          const text = inline(link.tokens, chalk);
          return text === link.href ? chalk.underline(text) : `${text} ${chalk.dim(`(${link.href})`)}`;
        }
        case 'br':
          return '\n';
        case 'text': {
          const t = token as Tokens.Text;
          return t.tokens ? inline(t.tokens, chalk) : decodeEntities(t.text);
        }
        case 'escape':
          return (token as Tokens.Escape).text;
        default:
          return decodeEntities('text' in token ? String(token.text) : token.raw);
      }
    })
    .join('');
}

// marked's lexer keeps entities from the source; the terminal wants the characters
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _);
}

/** Paragraphs and quotes of running text stay apart, as they are on a page. */
function runningTextFollows(tokens: Token[], index: number): boolean {
  const next = tokens.slice(index + 1).find((t) => t.type !== 'space');
  return next?.type === 'paragraph' || next?.type === 'blockquote';
}

function block(tokens: Token[], chalk: ChalkInstance, indent: string): string[] {
  const out: string[] = [];
  tokens.forEach((token, index) => {
    switch (token.type) {
      case 'heading': {
        const h = token as Tokens.Heading;
        out.push('', indent + (h.depth <= 2 ? chalk.bold.underline(inline(h.tokens, chalk)) : chalk.bold(inline(h.tokens, chalk))));
        break;
      }
      case 'paragraph': {
        out.push(indent + inline((token as Tokens.Paragraph).tokens, chalk));
        if (runningTextFollows(tokens, index)) out.push('');
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        list.items.forEach((item, i) => {
          const bullet = list.ordered ? `${start + i}.` : '•';
          const lines = block(item.tokens, chalk, '').join('\n').split('\n');
          out.push(`${indent}${chalk.cyan(bullet)} ${lines[0] ?? ''}`);
          for (const rest of lines.slice(1)) out.push(`${indent}${' '.repeat(bullet.length + 1)}${rest}`);
        });
        break;
      }
      case 'code':
        out.push(...(token as Tokens.Code).text.split('\n').map((l) => indent + '  ' + chalk.cyan(l)));
        break;
      case 'blockquote':
        out.push(...block((token as Tokens.Blockquote).tokens, chalk, '').map((l) => `${indent}${chalk.dim('│')} ${l}`.trimEnd()));
        if (runningTextFollows(tokens, index)) out.push('');
        break;
      case 'text': {
        const t = token as Tokens.Text;
        out.push(indent + (t.tokens ? inline(t.tokens, chalk) : decodeEntities(t.text)));
        break;
      }
      case 'space':
        break;
      case 'hr':
        out.push(indent + chalk.dim('─'.repeat(40)));
        break;
      default:
        out.push(indent + decodeEntities(token.raw.trimEnd()));
    }
  });
  return out;
}

export function markdownToTerminal(markdown: string, chalk: ChalkInstance, indent = ''): string {
  return block(new Lexer({ gfm: true }).lex(markdown), chalk, indent).join('\n');
}
