export * from './workforce';
export * from './workforce-identity';
export * from './workteam';
export * from './workteam-members';
