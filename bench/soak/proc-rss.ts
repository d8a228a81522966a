// RSS of a process tree from /proc (Linux): each descendant of a root pid, classed by what it is
// (the node process that runs the console core and web host, Chromium's browser/renderer/gpu/…
// processes, the hub), summed per class. Read from /proc/<pid>/status (VmRSS), so no tool is spawned.
import { readdirSync, readFileSync } from 'node:fs'

export type ProcClass = 'console-node' | 'chromium-browser' | 'chromium-renderer' | 'chromium-gpu' | 'chromium-other' | 'hub' | 'other'

/** What a process is, from its command line (NUL-separated as /proc gives it, or spaces). */
export function classify(cmdline: string, isRoot: boolean): ProcClass {
  if (isRoot) return 'console-node'
  const c = cmdline.replace(/\0/g, ' ')
  if (c.includes('src-hub/cli.ts')) return 'hub'
  if (/chrom/i.test(c) || c.includes('--type=')) {
    if (c.includes('--type=renderer')) return 'chromium-renderer'
    if (c.includes('--type=gpu-process')) return 'chromium-gpu'
    if (c.includes('--type=')) return 'chromium-other'
    return 'chromium-browser'
  }
  return 'other'
}

/** VmRSS in KiB from a /proc/<pid>/status text, or null when absent (a zombie, a kernel thread). */
export function parseRssKiB(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
  return m ? Number(m[1]) : null
}

function read(p: string): string | null {
  try {
    return readFileSync(p, 'utf8')
  } catch {
    return null // the process ended between listing and reading
  }
}

/** Every live pid under `root` (root included), from each process's parent in /proc/<pid>/stat. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = read(`/proc/${name}/stat`)
    if (stat === null) continue
    // The command name in parentheses may hold spaces: the fields after its closing paren are fixed.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ppid = Number(after[1])
    const list = children.get(ppid) ?? []
    list.push(Number(name))
    children.set(ppid, list)
  }
  const out: number[] = []
  const stack = [root]
  while (stack.length > 0) {
    const pid = stack.pop() as number
    out.push(pid)
    stack.push(...(children.get(pid) ?? []))
  }
  return out
}

/** MiB per class (and the largest renderer alone: the console page's) for the tree under `root`. */
export function treeRss(root: number): { byClass: Partial<Record<ProcClass, number>>; largestRendererMiB: number } {
  const byClass: Partial<Record<ProcClass, number>> = {}
  let largestRendererMiB = 0
  for (const pid of descendants(root)) {
    const status = read(`/proc/${pid}/status`)
    const kib = status === null ? null : parseRssKiB(status)
    if (kib === null) continue
    const cls = classify(read(`/proc/${pid}/cmdline`) ?? '', pid === root)
    const mib = kib / 1024
    byClass[cls] = (byClass[cls] ?? 0) + mib
    if (cls === 'chromium-renderer') largestRendererMiB = Math.max(largestRendererMiB, mib)
  }
  return { byClass, largestRendererMiB }
}
