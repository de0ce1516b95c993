import { z } from 'zod'

// What an API token may do. ingest: write deployments, incidents, scans, probe results, probes and SLOs
// of its team; read: metrics and lists of its team; reports: quarterly reports of its team.
export const TOKEN_SCOPES = ['ingest', 'read', 'reports'] as const
export type TokenScope = (typeof TOKEN_SCOPES)[number]
export const tokenScopeSchema = z.enum(TOKEN_SCOPES)
