// Moved to lib/validation/cursor.ts (issue 21: lib/queries and lib/engine decode cursors and must not import
// lib/http). This re-export keeps routes' and in-flight code's imports compiling.
export * from '@/lib/validation/cursor'
