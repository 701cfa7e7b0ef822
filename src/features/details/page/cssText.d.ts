// A stylesheet imported by a page script arrives as its text (scripts/build.mjs bundles .css with esbuild's text
// loader); the page puts it in a <style> with the script's nonce.
declare module '*.css' {
  const text: string;
  export default text;
}
