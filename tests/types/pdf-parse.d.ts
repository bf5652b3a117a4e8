// pdf-parse's entry file runs a self-test when loaded without a parent module (as under Jest);
// its library file is the same function without that.
declare module 'pdf-parse/lib/pdf-parse.js' {
  import pdf from 'pdf-parse';
  export default pdf;
}
