// axios's Node build imports follow-redirects (8.5 KB, and `debug` with it) to follow redirects. This client sets
// `maxRedirects: 0` (a Micetro answer is never a redirect to follow with credentials), and then axios sends through
// node:http and node:https itself, so esbuild resolves `follow-redirects` to this module. Should a request ever ask
// for redirects, it fails saying why instead of going out another way.
const refuse = {
  request(): never {
    throw new Error('This client follows no redirects (maxRedirects must stay 0).');
  },
};

export = { http: refuse, https: refuse };
