import { healthRoute } from 'cts-db/handlers';

export const GET = healthRoute();
