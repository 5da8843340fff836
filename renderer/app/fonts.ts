// Latin faces first, then the CJK faces each OS ships, so Chinese renders wherever one is installed
// (macOS PingFang, Windows YaHei, Linux Noto / Source Han / WenQuanYi). index.html repeats the stack for the first paint.
export const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'";

export const fontFamilyCode =
  "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK SC', 'Sarasa Mono SC', 'Microsoft YaHei', monospace";
