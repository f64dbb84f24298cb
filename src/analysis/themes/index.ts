export { checkCodeframe, codeframeSchema, loadCodeframe, parseCodeframe, themeSchema, type Codeframe, type Theme } from './codeframe.js';
export { QuestionMatcher, compileCodeframe, type ThemeCode } from './matcher.js';
export {
  addCodedResponse,
  createThemeTally,
  mergeThemeTallies,
  quoteAround,
  shortQuote,
  summariseThemes,
  type QuestionThemeSummary,
  type ThemeSummary,
  type ThemeTally,
} from './aggregate.js';
export { tokenise, stem } from './tokens.js';
