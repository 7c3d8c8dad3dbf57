/**
 * The `share:` block of newsletter.yaml. Every field has a default so the block can be left out;
 * strict objects turn a misspelt key into an error instead of a silently ignored setting.
 */
import { z } from 'zod';
import { NETWORKS, type Network } from '../enrich/share.js';

const networkList = (fallback: Network[]) =>
  z
    .array(z.enum(NETWORKS))
    .refine((list) => new Set(list).size === list.length, { message: 'lists a network more than once' })
    .default(fallback);

export const utmSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    source: z.string().trim().min(1).default('newsletter'),
    medium: z.string().trim().min(1).default('email'),
    /** null = the issue slug, so each issue is its own campaign without editing the config. */
    campaign: z.string().trim().min(1).nullable().default(null),
  })
  // prefault, not default: an absent block is parsed as {} so the field defaults above apply.
  .prefault({});

export const shareSchema = z
  .strictObject({
    networks: networkList([...NETWORKS]),
    quoteNetworks: networkList(['x', 'bluesky', 'linkedin']),
    utm: utmSchema,
  })
  .prefault({});

export type ShareSettings = z.infer<typeof shareSchema>;
