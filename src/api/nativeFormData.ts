// axios's Node build requires the `form-data` package, and with it a 137 KB MIME table, for multipart bodies.
// This client only ever sends JSON, and Node (18+) has a standard FormData that axios accepts, so esbuild
// resolves `form-data` to this module and the extension stays small.
export = globalThis.FormData;
