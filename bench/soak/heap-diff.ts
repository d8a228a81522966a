// `tsx bench/soak/heap-diff.ts A.heapsnapshot B.heapsnapshot [--retainers NAME]`: what grew between
// two V8 heap snapshots of one process (the shift soak writes them with --heap-snapshots DIR):
// objects counted and sized per constructor (strings, arrays, closures… per kind), largest growth
// first; with --retainers, who holds the objects of that constructor in B (the retainer's
// constructor and the edge's name), to find the Map or array that never forgets.
//
// Streamed: a snapshot of a few hundred MiB of heap is larger than V8's longest string, so the file
// is read in chunks and its "nodes", "edges" and "strings" arrays parsed as they come.
import { createReadStream } from 'node:fs'

type Snapshot = {
  nodeFields: string[]
  nodeTypes: string[]
  edgeFields: string[]
  edgeTypes: string[]
  nodes: Float64Array
  edges: Float64Array
  strings: string[]
}

/** A growable number list (snapshots hold tens of millions of fields). */
class Numbers {
  private buf = new Float64Array(1 << 20)
  length = 0
  push(n: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2)
      next.set(this.buf)
      this.buf = next
    }
    this.buf[this.length++] = n
  }
  done(): Float64Array {
    return this.buf.subarray(0, this.length)
  }
}

export async function readSnapshot(file: string): Promise<Snapshot> {
  // The file: {"snapshot":{"meta":{…},…},\n"nodes":[…],\n"edges":[…],\n…"strings":["…",\n"…"]}
  const keys = ['"nodes":[', '"edges":[', '"strings":['] as const
  let want = 0 // index in keys of the next array to find
  let section: 'seek' | 'numbers' | 'strings' | 'end' = 'seek'
  let head = ''
  let carry = ''
  let num = ''
  const arrays = [new Numbers(), new Numbers()]
  const strings: string[] = []
  // A function, so TypeScript does not narrow `section` across takeString's change of it.
  const ended = (): boolean => section === 'end'
  const takeString = (line: string): void => {
    let body = line.trim()
    if (body.endsWith(',')) body = body.slice(0, -1)
    if (body.endsWith(']}')) {
      body = body.slice(0, -2)
      section = 'end'
    }
    if (body.startsWith('"')) strings.push(JSON.parse(body) as string)
  }
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 22 })) {
    const text = carry + (chunk as string)
    carry = ''
    let i = 0
    while (i < text.length && !ended()) {
      if (section === 'seek') {
        const key = keys[want] as string
        const at = text.indexOf(key, i)
        if (at < 0) {
          // Keep a tail: the key may be split across chunks.
          const keep = Math.max(i, text.length - key.length)
          if (want === 0) head += text.slice(i, keep)
          carry = text.slice(keep)
          i = text.length
          break
        }
        if (want === 0) head += text.slice(i, at)
        i = at + key.length
        section = want === 2 ? 'strings' : 'numbers'
        continue
      }
      if (section === 'numbers') {
        const target = arrays[want] as Numbers
        for (; i < text.length; i++) {
          const c = text.charCodeAt(i)
          if (c >= 48 && c <= 57) {
            num += text[i]
            continue
          }
          if (num !== '') target.push(Number(num))
          num = ''
          if (c === 93 /* ] */) {
            want += 1
            section = 'seek'
            i++
            break
          }
        }
        continue
      }
      // One JSON string per line ("…",\n): a string in a snapshot never holds a raw newline.
      const nl = text.indexOf('\n', i)
      if (nl < 0) {
        carry = text.slice(i)
        break
      }
      takeString(text.slice(i, nl))
      i = nl + 1
    }
  }
  if (section === 'strings' && carry.trim() !== '') takeString(carry)
  const top = JSON.parse(head.trim().replace(/,$/, '') + '}') as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } }
  }
  const m = top.snapshot.meta
  return {
    nodeFields: m.node_fields,
    nodeTypes: m.node_types[0],
    edgeFields: m.edge_fields,
    edgeTypes: m.edge_types[0],
    nodes: (arrays[0] as Numbers).done(),
    edges: (arrays[1] as Numbers).done(),
    strings
  }
}

/** A node's group: the constructor for objects, the kind for strings, arrays, code… */
function groupOf(s: Snapshot, at: number): string {
  const type = s.nodeTypes[s.nodes[at] as number] ?? '?'
  const name = s.strings[s.nodes[at + 1] as number] ?? '?'
  switch (type) {
    case 'object':
    case 'closure':
    case 'native':
      return `${type}:${name.slice(0, 60)}`
    case 'array':
    case 'hidden':
    case 'code':
      return `${type}:${name.slice(0, 40)}`
    default:
      return `(${type})`
  }
}

type Tally = Map<string, { count: number; bytes: number }>

function tally(s: Snapshot): Tally {
  const width = s.nodeFields.length
  const sizeAt = s.nodeFields.indexOf('self_size')
  const out: Tally = new Map()
  for (let at = 0; at < s.nodes.length; at += width) {
    const g = groupOf(s, at)
    const t = out.get(g) ?? { count: 0, bytes: 0 }
    t.count += 1
    t.bytes += s.nodes[at + sizeAt] as number
    out.set(g, t)
  }
  return out
}

/** Who holds the nodes of `group`: retainer group and edge name, counted. */
function retainers(s: Snapshot, group: string): [string, number][] {
  const width = s.nodeFields.length
  const edgeWidth = s.edgeFields.length
  const edgeCountAt = s.nodeFields.indexOf('edge_count')
  const typeAt = s.edgeFields.indexOf('type')
  const nameAt = s.edgeFields.indexOf('name_or_index')
  const toAt = s.edgeFields.indexOf('to_node')
  const counts = new Map<string, number>()
  let edge = 0
  for (let at = 0; at < s.nodes.length; at += width) {
    const n = s.nodes[at + edgeCountAt] as number
    for (let k = 0; k < n; k++, edge += edgeWidth) {
      const to = s.edges[edge + toAt] as number
      const edgeType = s.edgeTypes[s.edges[edge + typeAt] as number]
      if (edgeType === 'weak' || groupOf(s, to) !== group) continue
      const nameOrIndex = s.edges[edge + nameAt] as number
      const edgeName = edgeType === 'element' || edgeType === 'hidden' ? `[${edgeType}]` : String(s.strings[nameOrIndex]).slice(0, 40)
      const key = `${groupOf(s, at)} .${edgeName}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15)
}

async function main(): Promise<void> {
  const [a, b] = process.argv.slice(2).filter((x) => !x.startsWith('--'))
  if (a === undefined || b === undefined) throw new Error('usage: heap-diff A.heapsnapshot B.heapsnapshot [--retainers GROUP]')
  const ri = process.argv.indexOf('--retainers')
  const retainerGroup = ri >= 0 ? process.argv[ri + 1] : undefined
  const before = tally(await readSnapshot(a))
  const snapB = await readSnapshot(b)
  const after = tally(snapB)
  const rows = [...after].map(([g, t]) => {
    const was = before.get(g) ?? { count: 0, bytes: 0 }
    return { g, count: t.count, dCount: t.count - was.count, bytes: t.bytes, dBytes: t.bytes - was.bytes }
  })
  const total = (t: Tally): number => [...t.values()].reduce((x, v) => x + v.bytes, 0)
  console.log(`total self size: ${(total(before) / 2 ** 20).toFixed(1)} → ${(total(after) / 2 ** 20).toFixed(1)} MiB`)
  console.log('Δ MiB      Δ count    now MiB   now count  group')
  for (const r of rows.sort((x, y) => y.dBytes - x.dBytes).slice(0, 40)) {
    console.log(`${(r.dBytes / 2 ** 20).toFixed(2).padStart(7)}  ${String(r.dCount).padStart(9)}  ${(r.bytes / 2 ** 20).toFixed(2).padStart(9)}  ${String(r.count).padStart(10)}  ${r.g}`)
  }
  if (retainerGroup !== undefined) {
    console.log(`\nretainers of ${retainerGroup} in ${b}:`)
    for (const [k, n] of retainers(snapB, retainerGroup)) console.log(`${String(n).padStart(9)}  ${k}`)
  }
}

if (process.argv[1]?.endsWith("heap-diff.ts")) await main()
