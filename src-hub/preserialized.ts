// Answers serialised once and sent many times: a Socket.IO encoder that splices a pre-made JSON
// text into the packet instead of stringifying the object again. The wire text is exactly what the
// stock encoder would produce, so consoles decode it with the stock parser.
import * as parser from 'socket.io-parser'

/** JSON text of one acknowledgement argument (or event argument), made once. */
export class PreSerialized {
  /** Length in UTF-16 units (what the send queue counts); bytes on the wire are close for this ASCII-heavy text. */
  readonly length: number

  constructor(readonly json: string) {
    this.length = json.length
  }
}

// A string JSON.stringify cannot produce from ordinary data without escaping the NUL, so the
// placeholder never collides with a real value.
const MARK = '\u0000gcc-pre:'
const MARKED = /"\\u0000gcc-pre:(\d+)"/g

class Encoder extends parser.Encoder {
  override encode(packet: parser.Packet): (string | Buffer)[] {
    const data: unknown = packet.data
    if (!Array.isArray(data) || !data.some((d) => d instanceof PreSerialized)) return super.encode(packet)
    const fragments: string[] = []
    const marked = data.map((d: unknown) => {
      if (!(d instanceof PreSerialized)) return d
      fragments.push(d.json)
      return `${MARK}${fragments.length - 1}`
    })
    const encoded = super.encode({ ...packet, data: marked })
    // Top-level arguments only, and only the placeholders this call made: the other arguments are
    // stringified by the stock encoder, which escapes any NUL they hold, so they cannot match.
    return encoded.map((part) =>
      typeof part === 'string' ? part.replace(MARKED, (_m, i: string) => fragments[Number(i)] ?? 'null') : part
    )
  }
}

/** The parser to hand to `new Server(http, { parser: preSerializedParser })`. */
export const preSerializedParser = { Encoder, Decoder: parser.Decoder }
