/** The IAM action catalog (services, actions, access levels, resource types, condition keys). */
export {
  Catalog,
  loadCatalog,
  catalogServiceKeys,
  getCatalog,
  expandActionPattern,
  isKnownAction,
  isKnownService,
  type AccessLevel,
  type ActionResourceType,
  type CatalogAction,
  type CatalogConditionKey,
  type CatalogResourceType,
  type CatalogService,
  type LoadCatalogOptions,
} from './catalog.js';
