import { renderListingHtml } from "./html.js";
import { renderListingJson } from "./json.js";
import type { Listing } from "./model.js";

/** A listing's body in the form the request prefers; the same bytes for every such request. */
export async function renderListing(listing: Listing, wantsJson: boolean): Promise<string> {
  return wantsJson ? JSON.stringify(renderListingJson(listing)) : (await renderListingHtml(listing)).toString();
}
