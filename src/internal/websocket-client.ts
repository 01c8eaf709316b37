// A minimal RFC 6455 WebSocket client over node:http (text frames, ping/pong, close): enough to speak to Node's inspector on Node 20, which has no WebSocket.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

/** One open connection: send text, receive text messages, close. */
export interface TextSocket {
  send(text: string): void;
  /** Called with each text message. */
  onMessage: ((text: string) => void) | undefined;
  /** Called once when the connection ends, for whatever reason. */
  onClose: ((error?: Error) => void) | undefined;
  close(): void;
}

/** Opens `url` (`ws://host:port/path`), rejecting if the handshake fails within `timeoutMs`. */
export function connectWebSocket(url: string, timeoutMs: number): Promise<TextSocket> {
  const target = new URL(url);
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = request({
      host: target.hostname,
      port: target.port,
      path: target.pathname + target.search,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' },
      timeout: timeoutMs,
    });
    req.on('timeout', () => req.destroy(new Error(`WebSocket handshake with ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      reject(new Error(`WebSocket handshake with ${url} refused: HTTP ${res.statusCode}`));
    });
    req.on('upgrade', (_res, socket, head) => {
      socket.setTimeout(0);
      resolve(wrap(socket, head));
    });
    req.end();
  });
}

function frame(opcode: number, payload: Buffer): Buffer {
  // Client frames are masked (RFC 6455 5.3).
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else if (length < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([header, mask, masked]);
}

function wrap(socket: Socket, head: Buffer): TextSocket {
  // Received bytes not yet parsed, joined only once the frame they start is complete: joining at every
  // chunk would copy a large message (the registry of 100,000 tasks is 60 MB) once per chunk.
  let chunks: Buffer[] = [head];
  let received = head.length;
  /** Bytes the frame at the start of `chunks` needs in all, once its header is read. */
  let needed = 0;
  let fragments: Buffer[] = [];
  let closed = false;
  let onMessage: TextSocket['onMessage'];
  /** Messages that arrived before anyone listened (the server may speak first, even inside the handshake's bytes). */
  let unheard: string[] = [];
  const api: TextSocket = {
    get onMessage() {
      return onMessage;
    },
    set onMessage(listener) {
      onMessage = listener;
      if (listener === undefined) return;
      const waiting = unheard;
      unheard = [];
      for (const text of waiting) listener(text);
    },
    onClose: undefined,
    send(text) {
      if (!closed) socket.write(frame(0x1, Buffer.from(text, 'utf8')));
    },
    close() {
      if (closed) return;
      socket.write(frame(0x8, Buffer.alloc(0)));
      socket.end();
    },
  };
  const end = (error?: Error) => {
    if (closed) return;
    closed = true;
    api.onClose?.(error);
  };
  const parse = () => {
    let buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
    const keep = () => {
      chunks = [buffer];
      received = buffer.length;
    };
    for (;;) {
      needed = 0;
      if (buffer.length < 2) return keep();
      const opcode = buffer[0]! & 0x0f;
      const fin = (buffer[0]! & 0x80) !== 0;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return keep();
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return keep();
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      // Servers do not mask (RFC 6455 5.1); a masked frame is still read correctly.
      const masked = (buffer[1]! & 0x80) !== 0;
      const maskKey = masked ? buffer.subarray(offset, offset + 4) : undefined;
      if (masked) offset += 4;
      if (buffer.length < offset + length) {
        needed = offset + length;
        return keep();
      }
      // A view of the received bytes, copied only to unmask: a large message is decoded straight from them.
      const payload = maskKey ? Buffer.from(buffer.subarray(offset, offset + length)) : buffer.subarray(offset, offset + length);
      if (maskKey) for (let i = 0; i < payload.length; i++) payload[i]! ^= maskKey[i & 3]!;
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x8) {
        socket.end();
        end();
        return keep();
      }
      if (opcode === 0x9) socket.write(frame(0xa, payload));
      else if (opcode === 0x1 || opcode === 0x0) {
        fragments.push(payload);
        if (fin) {
          const text = (fragments.length === 1 ? fragments[0]! : Buffer.concat(fragments)).toString('utf8');
          fragments = [];
          if (onMessage) onMessage(text);
          else unheard.push(text);
        }
      }
    }
  };
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
    if (received >= needed) parse();
  });
  socket.on('error', (error) => end(error));
  socket.on('close', () => end());
  queueMicrotask(parse);
  return api;
}
