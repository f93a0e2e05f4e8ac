export * from './identity-provider-type';
export * from './worker-access';
export * from './workforce';
export * from './workforce-identity';
export * from './workteam';
export * from './workteam-grants';
export * from './workteam-members';
