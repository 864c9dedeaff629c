// tsconfig.renderer.json and tsconfig.shared.json map main-process-only modules (electron, node:*,
// @kubernetes/client-node, keytar, electron-store, @octokit/*, conf, ws) to this file. It only enters a
// program when such an import exists, and then fails `npm run typecheck` with the message below.
export const importOfAMainProcessOnlyModuleFromRendererOrShared: never =
  'renderer/ and shared/ may not import electron, node:*, @kubernetes/client-node, keytar, electron-store, @octokit/* (docs/decisions.md, "Layers")';
