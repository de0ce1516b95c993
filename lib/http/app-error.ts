// Moved to lib/errors/app-error.ts (issue 21: the data layer must not import lib/http). This re-export keeps
// the HTTP layer's and in-flight code's imports compiling; new code imports '@/lib/errors/app-error'.
export * from '@/lib/errors/app-error'
