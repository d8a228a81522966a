// Every keydown handler in the renderer asks `isComposing(event)` first thing, so a key pressed to
// pick an IME candidate (Enter, Space, a digit, Escape) is never taken as a command. A handler is:
// a function given to an `onKeyDown`/`onKeyDownCapture` JSX attribute, one passed to
// `addEventListener('keydown' | 'keypress', …)`, or any function whose first parameter is typed
// as a KeyboardEvent. Its body must open with `if (isComposing(<that parameter>) …) return …`.
// A handler passed on by name is followed to its declaration; one that is a component's own prop
// (a pass-through) is checked where it is written.

const KEY_EVENTS = new Set(['keydown', 'keypress'])
const JSX_NAMES = new Set(['onKeyDown', 'onKeyDownCapture', 'onKeyPress'])

function isFunction(node) {
  return node && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration')
}

/** Does the type annotation name KeyboardEvent (DOM or React, with or without type arguments)? */
function isKeyboardType(annotation) {
  const type = annotation?.typeAnnotation
  if (!type || type.type !== 'TSTypeReference') return false
  const name = type.typeName
  if (name.type === 'Identifier') return name.name === 'KeyboardEvent'
  return name.type === 'TSQualifiedName' && name.right.name === 'KeyboardEvent'
}

function callsIsComposing(node, param) {
  if (!node) return false
  if (node.type === 'CallExpression') {
    const callee = node.callee
    const named = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? callee.property.name : null
    const arg = node.arguments[0]
    return named === 'isComposing' && (param === null || (arg?.type === 'Identifier' && arg.name === param))
  }
  if (node.type === 'LogicalExpression') return callsIsComposing(node.left, param) || callsIsComposing(node.right, param)
  return false
}

function returns(node) {
  if (!node) return false
  if (node.type === 'ReturnStatement') return true
  return node.type === 'BlockStatement' && node.body.length > 0 && node.body[node.body.length - 1].type === 'ReturnStatement'
}

/** True when the function's first statement is `if (isComposing(param) …) return`. */
function guardsFirst(fn) {
  const param = fn.params[0]?.type === 'Identifier' ? fn.params[0].name : null
  if (fn.body.type !== 'BlockStatement') return false
  const first = fn.body.body[0]
  return first?.type === 'IfStatement' && callsIsComposing(first.test, param) && returns(first.consequent)
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'keydown handlers ask isComposing(event) first (IME-safe keys)' },
    schema: [],
    messages: {
      missing:
        "Key handler must begin with `if (isComposing({{param}})) return` (src-renderer/keyboard/composition.ts): a key that picks an IME candidate is not a command.",
      unknown: 'Key handler could not be followed to its function; declare it as a function so its isComposing check can be verified.'
    }
  },
  create(context) {
    const checked = new Set()
    const check = (fn, at) => {
      if (checked.has(fn)) return
      checked.add(fn)
      if (!guardsFirst(fn)) {
        const param = fn.params[0]?.type === 'Identifier' ? fn.params[0].name : 'event'
        context.report({ node: at ?? fn, messageId: 'missing', data: { param } })
      }
    }
    /** A handler expression: an inline function, or a name followed to the function it holds. */
    const follow = (expr, at) => {
      if (isFunction(expr)) return check(expr, at)
      if (expr?.type === 'Identifier') {
        let scope = context.sourceCode.getScope(expr)
        while (scope) {
          const variable = scope.set.get(expr.name)
          if (variable) {
            const def = variable.defs[0]
            if (!def) return
            if (def.type === 'Parameter') return // a prop handed on: checked where it is written
            if (def.type === 'FunctionName') return check(def.node, at)
            if (def.type === 'Variable' && isFunction(def.node.init)) return check(def.node.init, at)
            return context.report({ node: at, messageId: 'unknown' })
          }
          scope = scope.upper
        }
        return
      }
      if (expr?.type === 'MemberExpression') return // a method of an object the rule sees where it is defined
      if (expr) context.report({ node: at, messageId: 'unknown' })
    }
    const typedHandler = (fn) => {
      if (isKeyboardType(fn.params[0]?.typeAnnotation)) check(fn)
    }
    return {
      ArrowFunctionExpression: typedHandler,
      FunctionExpression: typedHandler,
      FunctionDeclaration: typedHandler,
      JSXAttribute(node) {
        if (node.name.type !== 'JSXIdentifier' || !JSX_NAMES.has(node.name.name)) return
        const value = node.value
        if (value?.type === 'JSXExpressionContainer') follow(value.expression, node)
      },
      CallExpression(node) {
        const callee = node.callee
        const method = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : null
        if (method !== 'addEventListener') return
        const [kind, handler] = node.arguments
        if (kind?.type === 'Literal' && KEY_EVENTS.has(kind.value)) follow(handler, node)
      }
    }
  }
}
