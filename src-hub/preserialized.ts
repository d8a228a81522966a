// Answers serialised once and sent many times. The `reference` answer (1.6 MB) is made into JSON text
// and a UTF-8 buffer once per version; each request then costs a few bytes of header: over WebSocket
// the frame is [header + packet prefix, the shared buffer], written without copying; over long-polling
// the packet text is the prefix joined to the shared text. The wire bytes are exactly what the stock
// encoder would produce, so consoles decode them with the stock parser.
import * as parser from 'socket.io-parser'

/** JSON text of one acknowledgement argument, made once. */
export class PreSerialized {
  /** UTF-8 of the JSON followed by the packet's closing `]` (an acknowledgement with one argument ends so). */
  readonly tail: Buffer
  /** Bytes on the wire, for the byte budget. */
  readonly length: number
  private text: string | null

  constructor(json: string) {
    this.text = json
    this.tail = Buffer.from(`${json}]`, 'utf8')
    this.length = this.tail.length
  }

  /**
   * JSON given as UTF-8 pieces (a sync page: stored rows' bytes, never decoded into JS strings). The
   * text is only made if a transport other than a WebSocket asks for it.
   */
  static fromUtf8(parts: readonly Buffer[]): PreSerialized {
    const made = Object.create(PreSerialized.prototype) as { tail: Buffer; length: number; text: string | null }
    made.tail = Buffer.concat([...parts, CLOSE])
    made.length = made.tail.length
    made.text = null
    return made as unknown as PreSerialized
  }

  /** The JSON as text. */
  get json(): string {
    this.text ??= this.tail.toString('utf8', 0, this.tail.length - 1)
    return this.text
  }
}
const CLOSE = Buffer.from(']')

/** A packet the engine can send as a ready WebSocket frame (or as text on other transports). */
export class PreEncodedPacket {
  constructor(
    private readonly prefix: string,
    private readonly body: PreSerialized,
    /** The WebSocket frame: header and Engine.IO + Socket.IO prefix, then the shared tail buffer. */
    readonly frame: [Buffer, Buffer]
  ) {}

  /** The Socket.IO packet text (a cons string over the shared JSON), for transports that send text. */
  get text(): string {
    return `${this.prefix}${this.body.json}]`
  }
}

/** Header of an unmasked, final text frame of `length` payload bytes (RFC 6455 §5.2). */
function textFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x81, length])
  if (length < 65_536) {
    const h = Buffer.alloc(4)
    h[0] = 0x81
    h[1] = 126
    h.writeUInt16BE(length, 2)
    return h
  }
  const h = Buffer.alloc(10)
  h[0] = 0x81
  h[1] = 127
  h.writeBigUInt64BE(BigInt(length), 2)
  return h
}

// A string JSON.stringify cannot produce from ordinary data without escaping the NUL, so the
// placeholder never collides with a real value.
const MARK = '\u0000gcc-pre:'
const MARKED = /"\\u0000gcc-pre:(\d+)"/g
/** Engine.IO's type prefix of a message packet. */
const ENGINE_MESSAGE = '4'

class Encoder extends parser.Encoder {
  override encode(packet: parser.Packet): (string | Buffer)[] {
    const data: unknown = packet.data
    if (!Array.isArray(data) || !data.some((d) => d instanceof PreSerialized)) return super.encode(packet)
    const only: unknown = data[0]
    if (data.length === 1 && only instanceof PreSerialized) {
      // `3/v1,12[]` without its `]` is the prefix; the shared tail holds the JSON and the `]`.
      const prefix = (super.encode({ ...packet, data: [] })[0] as string).slice(0, -1)
      const head = Buffer.from(ENGINE_MESSAGE + prefix, 'utf8')
      const frame: [Buffer, Buffer] = [Buffer.concat([textFrameHeader(head.length + only.tail.length), head]), only.tail]
      return [new PreEncodedPacket(prefix, only, frame) as unknown as string]
    }
    // Several arguments: splice the texts in (a copy per send, but still no stringify of the object).
    const fragments: string[] = []
    const marked = data.map((d: unknown) => {
      if (!(d instanceof PreSerialized)) return d
      fragments.push(d.json)
      return `${MARK}${fragments.length - 1}`
    })
    return super
      .encode({ ...packet, data: marked })
      .map((part) => (typeof part === 'string' ? part.replace(MARKED, (_m, i: string) => fragments[Number(i)] ?? 'null') : part))
  }
}

/** The parser to hand to `new Server(http, { parser: preSerializedParser })`. */
export const preSerializedParser = { Encoder, Decoder: parser.Decoder }

interface EngineConnection {
  write(data: unknown, options?: Record<string, unknown>, callback?: () => void): unknown
  transport?: { name?: string; perMessageDeflate?: unknown }
  upgrading?: boolean
}

/**
 * Whether the connection will send a packet's ready frame: a WebSocket transport, no upgrade under way
 * (engine.io never moves off a WebSocket), no per-message deflate (which encodes the text instead).
 */
const sendsFrames = (conn: EngineConnection): boolean =>
  conn.transport?.name === 'websocket' && conn.upgrading !== true && !conn.transport.perMessageDeflate

/**
 * Lets an engine connection take PreEncodedPackets: the WebSocket transport sends the ready frame
 * (engine.io's own `wsPreEncodedFrame` path, used for broadcasts), other transports the text. On a
 * WebSocket the text is never read, so it is not made (a sync page's text would be decoded from its
 * UTF-8 only to be dropped).
 */
export function acceptPreEncoded(conn: EngineConnection): void {
  const write = conn.write.bind(conn)
  conn.write = (data, options, callback) => {
    if (!(data instanceof PreEncodedPacket)) return write(data, options, callback)
    return write(sendsFrames(conn) ? FRAME_ONLY : data.text, { ...options, wsPreEncodedFrame: data.frame }, callback)
  }
}
/** The packet data handed to engine.io beside a ready frame it will send instead (never empty: engine.io drops falsy data). */
const FRAME_ONLY = ' '
