// Jest transform for templates/*.txt: a template module's default export is
// its text, as esbuild's `text` loader makes it in the bundle.
module.exports = {
  process(source) {
    return { code: `export default ${JSON.stringify(source)};` };
  },
};
