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

let seq = 0;
setInterval(() => {
  seq += 1;
  const price = (300000 + seq).toString().replace(/(\d\d)$/, '.$1').replace(/\.?0+$/, '');
  const now = new Date().toISOString();
  const frame = JSON.stringify({ channel: 'prices', type: 'price',
    data: { pair: 'ETH-USD', available: true, price, confidence: '0', observedAt: now } });
  for (const socket of subscribers) {
    socket.send(frame);
  }
}, 100);

server.on('listening', () => console.log(`ready on ${port}`));
