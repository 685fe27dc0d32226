// Templates (templates/*.txt) are imported as their text: esbuild's `text`
// loader in the bundle, build/jest-text-transform.cjs under jest.
declare module '*.txt' {
  const text: string;
  export default text;
}
