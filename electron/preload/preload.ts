import { contextBridge, ipcRenderer } from 'electron';
import { createStintBridge } from './bridge';

// Wiring only (see bridge.ts). Sandboxed: no Node, and ipcRenderer itself is never exposed.
contextBridge.exposeInMainWorld('stint', createStintBridge(ipcRenderer));
