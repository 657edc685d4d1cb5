// The failover domain rules, shared by the simulator, the extension and the webview; no I/O, no vscode.
export * from './defaults';
export * from './states';
export * from './relationshipRules';
export * from './scopeRules';
export * from './durations';
export * from './failoverPair';
export * from './scopeContentText';
export * from './scopeDrift';
export * from './scopeContentReader';
export * from './failoverScopeInstances';
export * from './driftCheck';
export * from './replicatePreview';
export * from './removalPreview';
export * from './driftMarks';
export * from './driftCheckSummary';
