// esbuild's text loader turns imported .css files into strings (esbuild.mjs: loader { '.css': 'text' }).
declare module '*.css' {
  const css: string;
  export default css;
}
