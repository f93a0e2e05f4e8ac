export * from './workforce';
export * from './workteam';
export * from './workteam-members';
