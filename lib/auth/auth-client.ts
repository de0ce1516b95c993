'use client'
import { createAuthClient } from 'better-auth/react'

// The browser side of lib/auth/auth.ts (same origin, /api/auth). GitHub and the OIDC provider are
// both "social" providers there (ids "github" and "oidc").
export const authClient = createAuthClient()
