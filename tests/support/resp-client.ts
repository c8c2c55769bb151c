/**
 * A minimal RESP2 client on `node:net`, just enough for the Upstash stand-in: it writes a batch of
 * commands in one go and reads back one reply per command. No RESP3, pub/sub or reconnects: the
 * stand-in opens a fresh connection per HTTP request, the way Upstash keeps no state between them.
 */
import net from 'node:net';

/** One RESP2 reply. Status replies and bulk strings stay apart: Upstash encodes them differently. */
export type RespReply =
  | { type: 'simple'; value: string }
  | { type: 'error'; message: string }
  | { type: 'integer'; value: number }
  | { type: 'bulk'; value: Buffer }
  | { type: 'null' }
  | { type: 'array'; items: RespReply[] };

const CRLF = '\r\n';

/** Encodes one command as a RESP array of bulk strings (UTF-8). */
export function encodeCommand(command: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${command.length}${CRLF}`)];
  for (const argument of command) {
    const bytes = Buffer.from(argument, 'utf8');
    parts.push(Buffer.from(`$${bytes.length}${CRLF}`), bytes, Buffer.from(CRLF));
  }
  return Buffer.concat(parts);
}

/** Thrown when Redis sends something that is not RESP2. */
export class RespProtocolError extends Error {
  override name = 'RespProtocolError';
}

/**
 * Parses the reply that starts at `offset`. Returns `undefined` when the buffer does not hold all
 * of it yet, so the caller waits for more data and tries again from the same offset.
 */
export function parseReply(buffer: Buffer, offset = 0): { reply: RespReply; next: number } | undefined {
  const lineEnd = buffer.indexOf(CRLF, offset);
  if (lineEnd === -1) return undefined;
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const afterLine = lineEnd + CRLF.length;
  switch (String.fromCharCode(buffer[offset] ?? 0)) {
    case '+':
      return { reply: { type: 'simple', value: line }, next: afterLine };
    case '-':
      return { reply: { type: 'error', message: line }, next: afterLine };
    case ':':
      return { reply: { type: 'integer', value: Number(line) }, next: afterLine };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: { type: 'null' }, next: afterLine };
      const end = afterLine + length;
      if (buffer.length < end + CRLF.length) return undefined;
      return { reply: { type: 'bulk', value: Buffer.from(buffer.subarray(afterLine, end)) }, next: end + CRLF.length };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: { type: 'null' }, next: afterLine };
      const items: RespReply[] = [];
      let next = afterLine;
      for (let index = 0; index < count; index++) {
        const parsed = parseReply(buffer, next);
        if (parsed === undefined) return undefined;
        items.push(parsed.reply);
        next = parsed.next;
      }
      return { reply: { type: 'array', items }, next };
    }
    default:
      throw new RespProtocolError(`Unexpected RESP type byte ${buffer[offset]} at offset ${offset}.`);
  }
}

type PendingBatch = {
  expected: number;
  replies: RespReply[];
  resolve(replies: RespReply[]): void;
  reject(error: Error): void;
};

/** One TCP connection to Redis. Batches are answered in the order they were sent. */
export class RespConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: PendingBatch[] = [];
  private failure: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('The Redis connection closed.')));
  }

  /** Connects to Redis on 127.0.0.1; rejects if nothing accepts the connection. */
  static connect(port: number): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.setNoDelay(true);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RespConnection(socket));
      });
    });
  }

  /** Sends the commands in one write and resolves with their replies, in order. */
  send(commands: readonly (readonly string[])[]): Promise<RespReply[]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (commands.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ expected: commands.length, replies: [], resolve, reject });
      this.socket.write(Buffer.concat(commands.map(encodeCommand)));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let offset = 0;
    try {
      let parsed = parseReply(this.buffer, offset);
      while (parsed !== undefined) {
        offset = parsed.next;
        this.deliver(parsed.reply);
        parsed = parseReply(this.buffer, offset);
      }
    } catch (error) {
      this.fail(error instanceof Error ? error : new RespProtocolError(String(error)));
      this.socket.destroy();
      return;
    }
    this.buffer = this.buffer.subarray(offset);
  }

  private deliver(reply: RespReply): void {
    const batch = this.pending[0];
    if (batch === undefined) throw new RespProtocolError('Redis sent a reply nobody asked for.');
    batch.replies.push(reply);
    if (batch.replies.length === batch.expected) {
      this.pending.shift();
      batch.resolve(batch.replies);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const batch of this.pending.splice(0)) batch.reject(this.failure);
  }
}
