export { developmentSeeds, productionSeeds } from './seed-data.js';
export { seedDatabase, type SeedEnvironment, type SeedResult } from './seed.js';
