// The application menu as a plain template (built by Menu.buildFromTemplate in main.ts), so the
// labels and wiring are tested without Electron.
import type { MenuItemConstructorOptions } from 'electron'
import type { MainLabels } from './labels'

export type MenuActions = {
  /** force: open on the primary display when there is no external one. */
  openWall(force: boolean): void
  closeWall(): void
  about(): void
}

export function menuTemplate(labels: MainLabels, actions: MenuActions, opts: { dev: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: labels.openWall, accelerator: 'CmdOrCtrl+Shift+W', click: () => actions.openWall(false) },
    { label: labels.openWallHere, click: () => actions.openWall(true) },
    { label: labels.closeWall, click: () => actions.closeWall() },
    { type: 'separator' },
    { label: labels.toggleFullScreen, role: 'togglefullscreen' },
    { label: labels.reload, role: 'reload' }
  ]
  if (opts.dev) view.push({ label: labels.devTools, role: 'toggleDevTools' })
  return [
    { label: labels.appMenu, submenu: [{ label: labels.quit, role: 'quit' }] },
    { label: labels.view, submenu: view },
    { label: labels.help, submenu: [{ label: labels.about, click: () => actions.about() }] }
  ]
}
