// The baseline of bin/bench-ws: a minimal Node WebSocket broadcast server on the pinned `ws` package. It answers
// {"op":"subscribe","channel":"prices",...} and sends every subscriber the same ETH-USD price frame ten times a
// second, shaped like SwapDesk's (price = 3000 + seq / 100, observedAt = the broadcast time), one ws send per
// subscriber from the timer: what a single-threaded Node server does.
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const subscribers = new Set();
const server = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 16 * 1024 });

server.on('connection', (socket) => {
  socket.on('message', (data) => {
    let message;
    try {
      message = JSON.parse(data.toString());
    } catch {
      socket.send(JSON.stringify({ type: 'error', code: 'MALFORMED_MESSAGE', message: 'not JSON' }));
      return;
    }
    if (message.op === 'subscribe' && message.channel === 'prices') {
      subscribers.add(socket);
      socket.send(JSON.stringify({ type: 'subscribed', channel: 'prices', pairs: message.pairs }));
    }
  });
  socket.on('close', () => subscribers.delete(socket));
  socket.on('error', () => subscribers.delete(socket));
});

// The publishing time in microseconds, as SwapDesk stamps its own: Date has milliseconds only, and performance's
// time origin can be milliseconds off the wall clock, so the monotonic clock is tied to the wall clock once, at the
// moment Date's millisecond turns.
function wallOffsetMicros() {
  const start = Date.now();
  let now;
  while ((now = Date.now()) === start) { /* until the next millisecond begins */ }
  return now * 1000 - Number(process.hrtime.bigint() / 1000n);
}
const WALL_OFFSET_MICROS = wallOffsetMicros();

function isoMicros() {
  const micros = Number(process.hrtime.bigint() / 1000n) + WALL_OFFSET_MICROS;
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return iso.slice(0, -1) + String(micros % 1000).padStart(3, '0') + 'Z';
}

let seq = 0;
setInterval(() => {
  seq += 1;
  const price = (300000 + seq).toString().replace(/(\d\d)$/, '.$1').replace(/\.?0+$/, '');
  const now = isoMicros();
  const frame = JSON.stringify({ channel: 'prices', type: 'price',
    data: { pair: 'ETH-USD', available: true, price, confidence: '0', observedAt: now } });
  for (const socket of subscribers) {
    socket.send(frame);
  }
}, 100);

server.on('listening', () => console.log(`ready on ${port}`));
