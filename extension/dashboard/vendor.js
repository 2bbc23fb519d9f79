// Third-party libraries the dashboard uses, in one place. `./build.sh` bundles this file with
// esbuild into its own place in dist/ (the extension ships no bare imports and loads nothing from
// a CDN); uPlot's stylesheet is bundled the same way from vendor.css, into styles.css.
export { default as uPlot } from 'uplot';
