// One loopback endpoint, one dynalite store per "account": dynalite keeps a single database whatever the request's
// credentials, so this front routes each request by the access key id and region of its SigV4 Authorization header
// (Credential=<key>/<date>/<region>/dynamodb/aws4_request) to a dynalite of its own, created on first use. An
// unsigned request (the readiness probe) goes to an empty store, which answers as dynalite does.
// Arguments (last three): <path of the dynalite package> <port> <pid of the host process>. Prints "listening <port>" when ready.
'use strict';
const http = require('http');
// Run with "node -e": the arguments are the last three (node puts none of its own after them).
const [dynalitePath, portText, hostPidText] = process.argv.slice(-3);
if (Number(process.versions.node.split('.')[0]) < 20) {
  console.error(`dynalite needs Node 20 or newer; this is Node ${process.versions.node}. Install a newer Node and run again.`);
  process.exit(4);
}
const dynalite = require(dynalitePath);
const hostPid = Number(hostPidText);

// Table states change after these delays; 0 keeps the CREATING/DELETING step (callers still see it) without waiting.
const storeOptions = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
const stores = new Map();

function accountOf(req) {
  const match = /Credential=([^/,\s]+)\/[^/]+\/([^/]+)\//.exec(req.headers.authorization || '');
  return match ? `${match[1]}\u0000${match[2]}` : '';
}

const front = http.createServer((req, res) => {
  const account = accountOf(req);
  let store = stores.get(account);
  if (!store) {
    store = dynalite(storeOptions);
    stores.set(account, store);
  }
  store.emit('request', req, res);
});

front.listen(Number(portText), '127.0.0.1', () => console.log(`listening ${front.address().port}`));
front.on('error', (err) => { console.error(err.message); process.exit(3); });

// Ends with the host process even when the host is killed outright and runs no exit handler.
setInterval(() => {
  try { process.kill(hostPid, 0); } catch { process.exit(0); }
}, 1000).unref();
