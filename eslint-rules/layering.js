// Enforces the import table of docs/architecture.md: which folder may import which
// folders and which packages. Resolves relative imports to the folder they land in.
import path from 'node:path'
import { builtinModules } from 'node:module'

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])

/** Layers, most specific first. `folders`: project folders it may import; `packages`: bare specifiers. */
export const LAYERS = [
  { name: 'src-shared', folders: ['src-shared'], packages: ['zod'], node: false },
  { name: 'src-sqlite', folders: ['src-sqlite'], packages: ['sqlite3'], node: true },
  {
    name: 'src-main/core',
    folders: ['src-shared', 'src-sqlite', 'src-main/core'],
    packages: ['sqlite3', 'socket.io-client', 'zod', 'pino', 'pino-roll', 'fflate'],
    node: true
  },
  {
    name: 'src-main/electron',
    folders: ['src-shared', 'src-main/core', 'src-main/web', 'src-main/electron'],
    packages: ['electron', 'zod'],
    node: true
  },
  { name: 'src-main/preload', folders: ['src-shared', 'src-main/preload'], packages: ['electron', 'zod'], node: false },
  {
    name: 'src-main/web',
    folders: ['src-shared', 'src-main/core', 'src-main/web'],
    packages: ['ws', 'zod', 'selfsigned'],
    node: true
  },
  {
    name: 'src-renderer',
    folders: ['src-shared', 'src-renderer'],
    packages: ['react', 'react-dom', 'maplibre-gl', 'zustand', 'zod', 'pmtiles', 'gcoord', 'tinykeys', 'cmdk', 'pinyin-pro', 'echarts'],
    node: false
  },
  {
    name: 'src-hub',
    folders: ['src-shared', 'src-sqlite', 'src-hub'],
    packages: ['socket.io', 'socket.io-parser', 'socket.io-client', 'sqlite3', 'zod'],
    node: true
  }
]

function layerOf(root, file) {
  const rel = path.relative(root, file).split(path.sep).join('/')
  return LAYERS.find((l) => rel === l.name || rel.startsWith(`${l.name}/`))
}

function packageName(spec) {
  const parts = spec.split('/')
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
}

function allowedPackage(layer, spec) {
  const name = packageName(spec.replace(/\?.*$/, ''))
  return layer.packages.some((p) => name === p || name.startsWith(`${p}/`) || spec.startsWith(`${p}/`))
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'imports must follow the layering table of docs/architecture.md' },
    schema: []
  },
  create(context) {
    const root = context.cwd
    const file = context.filename
    const layer = layerOf(root, file)
    if (!layer) return {}
    function check(node, spec) {
      if (typeof spec !== 'string') return
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec)
        const targetLayer = layerOf(root, target)
        const targetName = targetLayer ? targetLayer.name : path.relative(root, target).split(path.sep)[0]
        if (!layer.folders.includes(targetName)) {
          context.report({ node, message: `${layer.name} may not import from ${targetName} ('${spec}')` })
        }
        return
      }
      if (NODE.has(spec) || NODE.has(spec.split('/')[0])) {
        if (!layer.node) context.report({ node, message: `${layer.name} may not import Node module '${spec}'` })
        return
      }
      if (!allowedPackage(layer, spec)) {
        context.report({ node, message: `${layer.name} may not import package '${spec}'` })
      }
    }
    return {
      ImportDeclaration(node) {
        check(node, node.source.value)
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value)
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value)
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value)
      }
    }
  }
}
