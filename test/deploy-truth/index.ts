export * from './api-model';
export * from './cfn-schema';
export * from './java-regex';
export * from './synth';
