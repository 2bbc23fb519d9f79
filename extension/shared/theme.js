// Applies the theme preference to <html data-theme>. "system" removes the attribute so the
// stylesheet follows prefers-color-scheme. Pages call applyTheme(settings.theme) after state.get
// and again whenever settings change.

/** Sets `data-theme` on <html> for "light"/"dark"; clears it for "system" (or anything else). */
export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}
