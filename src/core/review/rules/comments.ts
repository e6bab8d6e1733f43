/**
 * Comments that assert how an API behaves ("thread-safe", "never throws", "returns null if", "deprecated since").
 * Generated comments state such things fluently and wrongly; inside AI-written lines each one needs checking.
 * In test files only claims about another party count: there the assertions under the comment check the rest.
 */
import type { Change } from '../model/change';
import { FindingSink, RuleFamily, RuleMeta, quote } from './rule';

const CLAIM: RuleMeta = {
  id: 'api-claim',
  claims: { languages: 'any', kinds: ['source', 'test'] },
  category: 'api-claims',
  title: 'AI-written comment makes an API claim',
  whatToDo:
    "Verify the claim against the API's documentation or source (version included) and link it, or delete the comment.",
};

const CLAIMS =
  /\bthread[- ]safe\b|\bidempotent\b|\bnever (?:throws?|fails?|returns? (?:null|nil|None|undefined)|blocks?|panics?)\b|\balways returns?\b|\bguarantee[sd]?\b|\bautomatically (?:retr(?:y|ies)|handles?|closes?|reconnects?|escapes?|sanitizes?|refresh(?:es)?|cleans? up|paginates?)\b|\breturns? (?:null|nil|None|undefined|an? empty \w+|-1|false|zero) (?:if|when)\b|\bby default\b|\bdeprecated (?:since|in|as of)\b|\b(?:since|as of) v(?:ersion)?\s?\d+(?:\.\d+)*|\b(?:is|are) atomic\b|\bnon-?blocking\b|\b(?:is|are) (?:safe to|cached|memoi[sz]ed|lazy|ordered|sorted)\b|\bdoes(?: not|n't) (?:throw|block|allocate|mutate|raise)\b|\b(?:raises?|throws?) (?:an? )?\w*(?:Error|Exception) (?:if|when)\b|\bin O\(\w+\)|\bconstant time\b|\bthe (?:API|SDK|library|server|endpoint|driver|client) (?:returns?|requires?|accepts?|supports?|expects?|handles?)\b|\brate[- ]limit(?:ed|s)? (?:to|at)\b/i;

const THIRD_PARTY_CLAIMS =
  /\bthe (?:API|SDK|library|server|endpoint|driver|client|provider|service)\b[^.;]*?\b(?:returns?|requires?|accepts?|supports?|expects?|handles?|guarantee[sd]?|never|always)\b/i;

export const commentRules: RuleFamily = {
  name: 'api-claims',
  rules: [CLAIM],
  run(change: Change, sink: FindingSink): void {
    for (const file of change.files) {
      if (!file.cls.source && !file.cls.test) continue;
      // A test's comment says what the test checks, and the assertions below it check that: only what it says of
      // another party (the server, the SDK) is taken on trust there.
      const claims = file.cls.test ? THIRD_PARTY_CLAIMS : CLAIMS;
      for (const l of file.added) {
        if (l.comment === '') continue;
        const ai = l.prov !== undefined && l.prov.authorship !== 'human';
        // Human comments are the author's own claims; without any provenance, list them quietly for verification.
        if (!ai && change.hasProvenance) continue;
        const m = claims.exec(l.comment);
        if (m)
          sink.line(
            CLAIM,
            file,
            l,
            'new',
            ai ? 'low' : 'info',
            `comment claims ${quote(m[0], 30)}: ${quote(l.comment, 60)}`,
          );
      }
    }
  },
};
