// The sandboxed preload: exposes window.gccApi (ConsoleApi over IPC) and nothing else;
// ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron'
import { createBridgeApi } from './bridge-api'

contextBridge.exposeInMainWorld('gccApi', createBridgeApi(ipcRenderer))
