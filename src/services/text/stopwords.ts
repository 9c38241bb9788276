/**
 * French stopwords in folded form (lower case, no accents, see `foldText`), as produced by
 * `tokenize`: elided particles (`l`, `d`, `qu`…) and the halves of `aujourd'hui` are included.
 * Used by search, indexing and sentence similarity to ignore words that carry no topic.
 */

const WORDS = `
a au aux avec ce ces cet cette ceci cela ca celui celle celles ceux c d j l m n s t y qu
de des du en et la le les leur leurs lui ma mais me mes moi mon ne nos notre nous on ou par pas
pour que qui quoi quel quelle quels quelles lequel laquelle lesquels lesquelles duquel auquel
auxquels auxquelles dont sa se ses son sur ta te tes toi ton tu un une unes uns vos votre vous
il ils elle elles eux je soi
dans sans sous vers chez entre contre depuis pendant avant apres selon parmi malgre durant lors
afin jusqu jusque lorsque lorsqu puisque puisqu quoique quoiqu quand comme comment pourquoi
or ni car donc puis ensuite alors ainsi cependant toutefois pourtant neanmoins enfin
si aussi plus moins tres trop peu bien encore deja toujours jamais souvent parfois ici
tout tous toute toutes autre autres meme memes chaque plusieurs quelque quelques certains certaines
non oui ne rien aucun aucune tel telle tels telles
etc aujourd hui
etre ete etee etees etes etant suis es est sommes sont serai seras sera serons serez seront
serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent
sois soit soyons soyez soient fusse fusses fussions fussiez fussent
avoir ayant eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais
aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies
ait ayons ayez aient eusse eusses eussions eussiez eussent
`;

export const FRENCH_STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
