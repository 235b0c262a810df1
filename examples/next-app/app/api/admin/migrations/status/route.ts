import { migrationStatusRoute } from 'cts-db/handlers';

export const GET = migrationStatusRoute();
