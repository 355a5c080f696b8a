#include "parsers/page/chrome_phrases.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/strings.h"

namespace gpalert {
namespace {

// How a phrase may match: the whole label, the start of a heading, the start of a
// block, or anywhere in a block.
enum How : int { kLabel, kHeading, kLeadIn, kNotice, kHows };

using Phrases = std::vector<std::string_view>;

struct Group {
  ChromeKind kind;
  How how;
  Phrases phrases;
};

// Every phrase is written folded (FoldChromeText): lower case, words split by one space,
// ':' and '©' standing alone. Written once for all languages: these are the words a
// page's furniture uses, not any one site's.
const std::vector<Group>& Groups() {
  // One group a paragraph, its phrases filled to the margin.
  // clang-format off
  static const std::vector<Group> kGroups = {
      {ChromeKind::kRelated, kLabel,
       {"related", "related articles", "related stories", "related posts", "related content",
        "related news", "related topics", "related links", "related reading", "read more",
        "read also", "read next", "also read", "more on this", "more on this topic",
        "more on this story", "more stories", "more articles", "more news", "you may also like",
        "you might also like", "you may be interested in", "recommended", "recommended for you",
        "recommended articles", "recommended stories", "most read", "most popular", "most viewed",
        "popular posts", "popular articles", "recent posts", "recent articles", "latest news",
        "latest posts", "latest articles", "latest stories", "trending", "trending now", "see also",
        "further reading", "don t miss", "top stories", "what to read next", "keep reading",
        "continue reading", "similar articles", "other articles", "next article",
        "previous article", "next post", "previous post", "next story", "mehr zum thema",
        "mehr zu diesem thema", "auch interessant", "das könnte sie auch interessieren",
        "das könnte dich auch interessieren", "das könnte euch auch interessieren",
        "das könnte sie interessieren", "das könnte dich interessieren",
        "könnte sie auch interessieren", "könnte dich auch interessieren",
        "das interessiert sie vielleicht auch", "weitere artikel", "weitere beiträge",
        "weitere themen", "weitere nachrichten", "weitere news", "weitere meldungen",
        "weitere informationen", "weitere infos", "verwandte artikel", "verwandte beiträge",
        "verwandte themen", "ähnliche artikel", "ähnliche beiträge", "ähnliche themen",
        "ähnliche rezepte", "lesen sie auch", "lesen sie mehr", "lesen sie hier", "lies auch",
        "auch lesenswert", "lesenswert", "schon gelesen", "siehe auch", "zum weiterlesen",
        "weiterlesen", "weiterführende links", "weiterführender link",
        "weiterführende informationen", "weiterführende artikel", "meistgelesen",
        "meistgelesene artikel", "meistgelesene beiträge", "meist gelesen", "meistgeklickt",
        "meistdiskutiert", "meistdiskutierte artikel", "neueste artikel", "neueste beiträge",
        "neue beiträge", "aktuelle artikel", "aktuelle beiträge", "aktuelle nachrichten",
        "top artikel", "beliebte artikel", "beliebte beiträge", "beliebteste artikel",
        "empfehlungen", "unsere empfehlungen", "empfohlene artikel", "nächster artikel",
        "vorheriger artikel", "nächster beitrag", "vorheriger beitrag",
        "artikel und videos zum thema", "passend zum thema", "passende artikel", "dazu passend",
        "à lire aussi", "a lire aussi", "lire aussi", "lire la suite", "sur le même sujet",
        "sur le meme sujet", "articles similaires", "articles liés", "articles connexes",
        "voir aussi", "les plus lus", "les plus populaires", "à lire également", "lire également",
        "nos autres articles", "pour aller plus loin", "audios et vidéos sur le sujet",
        "dans la même rubrique", "à découvrir", "vous aimerez aussi", "articles récents",
        "derniers articles", "lea también", "lee también", "lea más", "lee más", "leer más",
        "le puede interesar", "te puede interesar", "puede interesarte",
        "también te puede interesar", "vea también", "ver también", "mira también", "puedes ver",
        "noticias relacionadas", "artículos relacionados", "notas relacionadas",
        "contenido relacionado", "lo más leído", "lo más visto", "más noticias", "más leídas",
        "te recomendamos", "recomendados", "últimas noticias", "sigue leyendo", "seguir leyendo",
        "czytaj też", "czytaj także", "czytaj również", "czytaj więcej", "zobacz też",
        "zobacz także", "zobacz również", "przeczytaj też", "przeczytaj także",
        "przeczytaj również", "polecamy", "podobne artykuły", "powiązane artykuły",
        "najczęściej czytane", "najpopularniejsze", "najnowsze", "czytaj dalej", "warto przeczytać",
        "leggi anche", "articoli correlati", "potrebbe interessarti", "ti potrebbe interessare",
        "leggi di più", "i più letti", "leia também", "veja também", "leia mais", "saiba mais",
        "notícias relacionadas", "mais lidas", "você pode gostar", "lees ook", "lees meer",
        "gerelateerde artikelen", "meer over dit onderwerp", "meest gelezen", "entdecken sie jetzt",
        "jetzt entdecken", "discover more"}},
      {ChromeKind::kRelated, kHeading,
       {"related", "more from", "more stories", "more articles", "other stories", "you may also",
        "you might also", "latest from", "most read", "most popular", "recommended for",
        "mehr zum thema", "mehr zu", "mehr aus dem", "mehr aus der", "mehr von", "empfehlungen aus",
        "unsere empfehlungen", "entdecken sie", "weitere artikel", "weitere beiträge",
        "weitere news", "weitere nachrichten", "weitere meldungen", "das könnte", "könnte dich",
        "könnte sie", "das thema könnte", "entdecke weitere", "entdecke mehr", "verwandte artikel",
        "verwandte beiträge", "ähnliche artikel", "ähnliche beiträge", "lesen sie auch",
        "siehe auch", "meistgelesen", "meistdiskutiert", "neueste artikel", "neueste beiträge",
        "à lire", "lire aussi", "autres articles", "d autres articles", "más noticias",
        "otras noticias", "te puede", "le puede", "więcej artykułów", "zobacz też", "zobacz także",
        "czytaj też", "czytaj także", "leggi anche", "altri articoli", "veja mais", "lees ook"}},
      {ChromeKind::kRelated, kLeadIn,
       {"read more :", "read also :", "also read :", "related :", "see also :", "more :",
        "read more", "lesen sie auch", "lesen sie hier", "lesen sie mehr", "lies auch",
        "auch interessant", "mehr zum thema :", "mehr dazu :", "siehe auch", "zum weiterlesen",
        "hier weiterlesen", "weiter zu", "zum artikel :", "à lire aussi", "a lire aussi",
        "lire aussi", "voir aussi", "lea también", "lee también", "lea más", "lee más", "lea :",
        "le puede interesar", "te puede interesar", "vea también", "ver también", "mira :",
        "mire :", "mira también", "puedes ver", "también puedes leer", "relacionado :",
        "relacionada :", "czytaj też", "czytaj także", "czytaj również", "czytaj więcej",
        "zobacz też", "zobacz także", "zobacz również", "przeczytaj też", "przeczytaj także",
        "polecamy :", "leggi anche", "leia também", "leia mais :", "veja também", "lees ook",
        "continue reading", "keep reading", "weitere infos :", "weitere infos unter",
        "weitere informationen :", "weitere informationen unter", "mehr infos :",
        "mehr infos unter", "mehr informationen :", "mehr informationen unter", "more info :",
        "more information :", "further information :", "plus d infos :", "plus d informations :",
        "más información :", "więcej informacji :"}},
      {ChromeKind::kComments, kLabel,
       {"comments", "comment", "no comments", "leave a comment", "leave a reply", "post a comment",
        "add a comment", "add comment", "write a comment", "comments are closed", "comments closed",
        "show comments", "view comments", "join the discussion", "join the conversation",
        "responses", "kommentare", "kommentar", "keine kommentare", "kommentar schreiben",
        "kommentare schreiben", "kommentieren", "kommentar verfassen", "schreibe einen kommentar",
        "schreiben sie einen kommentar", "hinterlasse einen kommentar", "kommentare geschlossen",
        "kommentare anzeigen", "kommentare insgesamt", "leserkommentare", "diskutieren sie mit",
        "commentaires", "commentaire", "laisser un commentaire", "ajouter un commentaire", "réagir",
        "réagissez", "comentarios", "comentario", "deja un comentario", "dejar un comentario",
        "komentarze", "komentarz", "dodaj komentarz", "skomentuj", "brak komentarzy", "commenti",
        "lascia un commento", "comentários", "deixe um comentário", "reacties", "reageer",
        "trackback", "trackbacks", "pingbacks", "kommentarfeed", "trackback url"}},
      {ChromeKind::kComments, kHeading,
       {"comments", "kommentare", "commentaires", "comentarios", "komentarze", "leave a reply",
        "leave a comment", "schreibe einen kommentar"}},
      {ChromeKind::kComments, kNotice,
       {"akismet", "kommentardaten", "comment data is processed", "eingeloggt sein",
        "angemeldet sein", "eingeloggt um", "logged in to post", "logged in to comment",
        "to post a comment", "kommentieren zu können", "comments are closed",
        "kommentare sind geschlossen", "kommentare erscheinen erst", "aktuell nicht eingeloggt",
        "nicht eingeloggt", "not logged in", "um kommentare"}},
      {ChromeKind::kAuthor, kLabel,
       {"about the author", "about the authors", "about me", "the author", "author", "authors",
        "über den autor", "über die autorin", "über die autoren", "über mich", "zum autor",
        "zur autorin", "zur person", "der autor", "die autorin", "autor", "autorin", "autoren",
        "à propos de l auteur", "l auteur", "sobre el autor", "el autor", "sobre la autora",
        "o autorze", "autor tekstu", "l autore", "sobre o autor", "over de auteur", "written by",
        "posted by", "kontakt", "pressekontakt", "medienkontakt", "ansprechpartner",
        "ansprechpartnerin", "ansprechpartner zum thema", "ansprechpartnerin zum thema", "contact",
        "press contact", "media contact", "contacto", "kontakt dla mediów", "zusatzinformationen",
        "infobox"}},
      {ChromeKind::kAuthor, kHeading,
       {"about the author", "über den autor", "über die autorin", "zum autor", "zur autorin",
        "sobre el autor", "à propos de l auteur", "o autorze", "ansprechpartner",
        "ansprechpartnerin", "kontakt"}},
      {ChromeKind::kAuthor, kLeadIn,
       {"zeige alle beiträge von", "alle beiträge von", "view all posts by", "all posts by",
        "more posts by", "weitere artikel von", "weitere beiträge von", "über den autor",
        "über die autorin", "about the author", "voir tous les articles de",
        "ver todas las entradas de", "zobacz wszystkie wpisy"}},
      {ChromeKind::kAuthor, kNotice,
       {"view all posts by", "alle beiträge von"}},
      {ChromeKind::kShare, kLabel,
       {"share", "share this", "share this article", "share this story", "share this post",
        "share on facebook", "share on twitter", "share article", "tweet", "email", "e mail",
        "print", "print this", "print this page", "print article", "bookmark", "permalink",
        "teilen", "jetzt teilen", "artikel teilen", "diesen artikel teilen", "beitrag teilen",
        "seite teilen", "teile diesen beitrag", "möchten sie den artikel teilen", "drucken",
        "artikel drucken", "seite drucken", "rezept drucken", "merken", "partager",
        "partager cet article", "imprimer", "imprimer cette page", "permalien", "compartir",
        "compartir en facebook", "compartir en twitter", "comparte", "comparte esta noticia",
        "imprimir", "udostępnij", "podziel się", "drukuj", "condividi", "stampa", "compartilhe",
        "compartilhar", "delen", "afdrukken", "pdf", "als pdf herunterladen", "pdf herunterladen",
        "download pdf", "whatsapp", "facebook", "twitter", "linkedin", "pinterest", "xing",
        "telegram", "reddit", "flipboard", "bei pinterest speichern", "pin it", "save"}},
      {ChromeKind::kShare, kLeadIn,
       {"share :", "teilen :", "diesen artikel teilen", "artikel teilen",
        "den artikel mit anderen teilen", "jetzt teilen", "share this", "partager :", "compartir :",
        "udostępnij", "bookmark the permalink", "permalink :", "permalien", "rezept drucken"}},
      {ChromeKind::kShare, kNotice,
       {"bookmark the permalink", "pdf herunterladen", "als pdf speichern", "download pdf",
        "download as pdf", "télécharger le pdf", "descargar pdf", "pobierz pdf"}},
      {ChromeKind::kFollow, kLabel,
       {"follow us", "follow", "follow me", "folgen sie uns", "folge uns", "folgen", "suivez nous",
        "síguenos", "siguenos", "obserwuj nas", "seguici", "siga nos", "volg ons",
        "connect with us", "stay connected", "social media"}},
      {ChromeKind::kFollow, kNotice,
       {"follow us", "follow me", "keep up with me", "folgen sie uns", "folge uns", "folgt uns",
        "suivez nous", "síguenos", "obserwuj nas", "seguici", "siga nos", "volg ons",
        "apps for ios", "ios and android", "ios und android", "download our app",
        "laden sie die app", "unsere app", "our app", "canal de telegram", "canal de youtube",
        "unseren kanal", "our channel", "join us on", "on twitter and instagram",
        "on facebook and twitter", "on twitter and facebook", "diesem blog zu folgen",
        "blog zu folgen", "to follow this blog", "followern an", "other followers",
        "suivre ce blog", "seguir este blog"}},
      {ChromeKind::kSubscribe, kLabel,
       {"subscribe", "subscribe now", "newsletter", "sign up", "sign up for our newsletter",
        "get our newsletter", "join our newsletter", "subscribe to our newsletter",
        "newsletter abonnieren", "zum newsletter", "newsletter bestellen", "jetzt abonnieren",
        "abonnieren", "jetzt registrieren", "registrieren", "anmelden", "einloggen", "login",
        "log in", "sign in", "s abonner", "abonnez vous", "inscrivez vous", "suscríbete",
        "suscribirse", "hazte miembro", "zapisz się", "subskrybuj", "zaloguj się", "iscriviti",
        "assine", "inscreva se", "abonneren", "donate", "spenden", "jetzt spenden", "faire un don",
        "support us", "unterstützen sie uns", "become a member", "mitglied werden",
        "werden sie mitglied"}},
      {ChromeKind::kSubscribe, kLeadIn,
       {"subscribe to", "subscribe now", "sign up for", "sign up to", "abonnieren sie",
        "jetzt abonnieren", "pour lire la suite", "suscríbete", "hazte miembro", "zapisz się",
        "newsletter :", "to view the full story", "to continue reading", "um weiterzulesen",
        "jetzt weiterlesen mit", "already a subscriber", "bereits abonnent", "werden sie mitglied",
        "jetzt mitglied werden", "support our", "if you enjoyed",
        "wenn ihnen dieser artikel gefallen", "wenn dir dieser artikel"}},
      {ChromeKind::kSubscribe, kNotice,
       {"subscribe to our", "sign up for our", "sign up to our", "our newsletter",
        "unseren newsletter", "unser newsletter", "newsletter abonnieren", "zum newsletter",
        "notre newsletter", "nuestro boletín", "nuestro newsletter", "naszego newslettera",
        "to view the full story", "to read the full", "for the full story", "already a subscriber",
        "bereits abonnent", "first time subscribers", "support our work", "supporting our work",
        "unterstützen sie unsere arbeit", "jetzt unterstützen", "faire un don", "hazte miembro",
        "become a member", "werden sie mitglied", "cancel anytime", "cancela cuando quieras",
        "jederzeit kündbar", "pour lire la suite", "um weiterzulesen", "exklusive angebote",
        "exclusive offers", "beneficios exclusivos", "straight to your phone",
        "straight to your inbox", "direkt in ihr postfach", "direkt in dein postfach",
        "submit your letter", "submit a letter", "leserbrief schreiben"}},
      {ChromeKind::kRating, kLabel,
       {"was this article helpful", "was this helpful", "rate this article", "rate this",
        "war der artikel nützlich", "war der artikel hilfreich", "war dieser artikel hilfreich",
        "war dieser beitrag hilfreich", "hat ihnen der artikel gefallen", "artikel bewerten",
        "beitrag bewerten", "bewertung", "bewertungen", "noch keine bewertungen",
        "keine bewertungen", "hier können sie den artikel bewerten", "valora esta noticia",
        "cet article vous a t il été utile", "oceń artykuł", "votes", "stimmen", "likes",
        "gefällt mir"}},
      {ChromeKind::kRating, kNotice,
       {"war der artikel", "war dieser artikel", "war dieser beitrag", "was this article",
        "was this helpful", "did you find this", "rate this", "bewerten sie", "artikel bewerten",
        "noch keine bewertungen", "keine bewertungen", "valora esta", "out of 5", "von of"}},
      {ChromeKind::kAd, kLabel,
       {"advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content",
        "paid content", "promoted", "anzeige", "anzeigen", "werbung", "gesponsert",
        "sponsored post", "publicité", "publicite", "pub", "publicidad", "anuncio", "reklama",
        "materiał sponsorowany", "pubblicità", "publicidade", "advertentie", "partnerinhalt",
        "externer inhalt", "external content"}},
      {ChromeKind::kAd, kLeadIn,
       {"anzeige", "werbung", "advertisement", "sponsored by", "reklama", "publicidad", "publicité",
        "advertising disclosure", "werbehinweis", "transparenzhinweis"}},
      {ChromeKind::kAd, kNotice,
       {"advertising disclosure", "may receive compensation", "may earn a commission",
        "we earn a commission", "affiliate links", "affiliate link", "provision vom händler",
        "eine provision", "werbelink", "partnerlinks", "als amazon partner",
        "as an amazon associate", "advertise with", "werben sie", "mediadaten",
        "advertising disclaimer"}},
      {ChromeKind::kCredit, kLeadIn,
       {"foto :", "fotos :", "foto ©", "bild :", "bilder :", "bild ©", "photo :", "photos :",
        "photo ©", "photograph :", "photograph by", "photography by", "photo by", "photos by",
        "image :", "images :", "image by", "image credit", "image courtesy", "picture :",
        "credit :", "credits :", "crédit :", "crédits :", "crédits photos", "crédit photo",
        "crédito :", "créditos :", "imagen :", "imágenes :", "fuente :", "quelle :", "source :",
        "bildquelle", "bildnachweis", "titelbild", "beitragsbild", "headerbild", "vorschaubild",
        "symbolbild", "fot :", "zdjęcie :", "źródło :", "fonte :", "©", "copyright", "abbildung",
        "abb", "grafik :", "image illustrative"}},
      {ChromeKind::kCredit, kNotice,
       {"foto :", "fotos :", "foto ©", "bild :", "bilder :", "bild ©", "photo :", "photos :",
        "photo ©", "photograph by", "photo by", "image :", "image credit", "credit :", "crédit :",
        "crédits :", "crédito :", "imagen :", "fuente :", "quelle :", "©", "getty images", "istock",
        "istockphoto", "shutterstock", "picture alliance", "unsplash", "pixabay", "pixelio",
        "adobe stock", "stock adobe com", "courtesy of", "fot :"}},
      {ChromeKind::kMeta, kLabel,
       {"quellenangaben", "quellenangabe", "bildquellen", "bildquelle", "bildnachweis",
        "bildnachweise", "tags", "schlagwörter", "schlagworte", "stichwörter", "stichworte",
        "themen", "kategorie", "kategorien", "category", "categories", "topics", "filed under",
        "rubrik", "ressort", "catégories", "étiquettes", "mots clés", "etiquetas", "categorías",
        "tagi", "posted in", "veröffentlicht", "aktualisiert", "updated", "published", "news",
        "nachrichten", "home", "startseite", "blog", "aktuelles", "neuigkeiten", "presse",
        "pressemitteilung", "pressemitteilungen", "views", "aufrufe", "min read",
        "minuten lesezeit", "lesezeit", "reading time", "opublikowano", "aktualizacja", "publié le",
        "mis à jour", "publicado", "actualizado", "von", "by", "par", "por", "autor", "text"}},
      {ChromeKind::kMeta, kLeadIn,
       {"tags :", "tag :", "schlagwörter :", "schlagworte :", "stichworte :", "stichwörter :",
        "themen :", "kategorie :", "kategorien :", "category :", "categories :", "rubrik :",
        "filed under", "posted in", "abgelegt unter", "veröffentlicht am", "veröffentlicht :",
        "aktualisiert am", "aktualisiert :", "zuletzt aktualisiert", "zuletzt geändert", "stand :",
        "updated", "last updated", "published", "posted on", "opublikowano", "zaktualizowano",
        "aktualizacja :", "publié le", "mis à jour", "publicado", "actualizado", "pubblicato",
        "atualizado", "datum :", "date :", "fecha :", "erstellt am", "geschrieben am", "von :",
        "by :", "autor :", "autorin :", "autoren :", "author :", "authors :", "redaktion :",
        "par :", "por :", "aufrufe :", "views :", "lesezeit", "reading time",
        "this entry was posted", "this entry was filed", "dieser beitrag wurde",
        "der beitrag wurde", "dieser eintrag wurde", "ce billet a été publié",
        "esta entrada fue publicada", "release date :", "asked", "hinzugefügt von",
        "eingestellt von", "erschienen am"}},
      {ChromeKind::kMeta, kNotice,
       {"this entry was posted", "der beitrag wurde am", "dieser beitrag wurde am", "filed under",
        "abgelegt unter", "hinzugefügt von", "kategorie :", "tags :", "schlagwörter :"}},
      {ChromeKind::kLegal, kLabel,
       {"impressum", "datenschutz", "datenschutzerklärung", "privacy policy", "privacy",
        "terms of use", "terms of service", "imprint", "disclaimer", "haftungsausschluss",
        "all rights reserved", "alle rechte vorbehalten", "mentions légales", "aviso legal",
        "cookies", "cookie einstellungen", "cookie settings", "nutzungsbedingungen", "agb"}},
      {ChromeKind::kLegal, kNotice,
       {"all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
        "todos los derechos reservados", "wszelkie prawa zastrzeżone", "tutti i diritti riservati",
        "todos os direitos reservados", "alle rechten voorbehouden", "copyrighted property",
        "written permission", "schriftliche genehmigung", "nachdruck nur mit",
        "chroniony prawem autorskim", "unter der lizenz", "under a creative commons",
        "unter einer creative commons", "licensed under", "lizenziert unter", "sofern nicht anders",
        "unless otherwise noted", "ohne gewähr", "not responsible for the opinions",
        "does not necessarily reflect", "geben nicht unbedingt", "the views expressed",
        "we use cookies", "verwendet cookies", "nutzt cookies", "utilise des cookies",
        "utiliza cookies", "używa plików cookie", "suggested citation", "zitiervorschlag",
        "zitierweise"}},
      {ChromeKind::kControl, kLabel,
       {"close", "schließen", "fermer", "cerrar", "zamknij", "chiudi", "fechar", "sluiten", "zoom",
        "vergrößern", "bild vergrößern", "zum vergrößern klicken", "enlarge", "agrandir", "ampliar",
        "powiększ", "back", "zurück", "zurück zur übersicht", "zurück zur listenansicht", "go back",
        "retour", "volver", "wróć", "powrót", "indietro", "voltar", "terug", "next", "previous",
        "prev", "weiter", "nächste", "vorherige", "suivant", "précédent", "siguiente", "anterior",
        "następny", "poprzedni", "load more", "show more", "mehr laden", "mehr anzeigen",
        "alle anzeigen", "weitere laden", "voir plus", "ver más", "cargar más", "pokaż więcej",
        "więcej", "loading", "wird geladen", "lädt", "chargement", "cargando", "ładowanie",
        "table of contents", "contents", "inhaltsverzeichnis", "inhalt", "sommaire", "índice",
        "spis treści", "indice", "inhoudsopgave", "toggle", "menu", "menü", "search", "suche",
        "suchen", "bild anzeigen", "bild schließen", "bild anzeigen bild schließen", "slideshow",
        "bildergalerie", "galerie", "gallery", "fotogalerie", "fotostrecke", "play", "abspielen",
        "mehr", "more", "nach oben", "back to top", "zum seitenanfang", "skip to content",
        "mehr erfahren", "learn more", "en savoir plus", "más información", "dowiedz się więcej",
        "click here", "hier klicken", "klicken sie hier", "cliquez ici", "haga clic aquí",
        "kliknij tutaj", "expand", "collapse", "ausklappen", "einklappen", "copy link",
        "link kopieren", "vergrößern"}},
      {ChromeKind::kControl, kNotice,
       {"zum vergrößern", "click to enlarge", "klicken sie auf das bild", "auf das bild klicken",
        "cliquez sur l image", "haga clic en la imagen", "dieses element zu sehen",
        "diesen inhalt zu sehen", "um den inhalt zu sehen", "to view this content",
        "to see this content", "javascript aktivieren", "enable javascript", "activer javascript",
        "habilitar javascript"}},
      {ChromeKind::kControl, kLeadIn,
       {"bild anzeigen", "zum vergrößern", "vergrößern", "click to enlarge", "zurück zu",
        "zurück zur", "back to", "retour à", "volver a", "image of", "bild von", "slide of"}},
  };
  // clang-format on
  return kGroups;
}

// Phrase -> the kind it has under each way of matching (kNone where it has none), and the
// longest phrase in words.
struct Index {
  std::unordered_map<std::string_view, std::array<ChromeKind, kHows>> by_phrase;
  std::unordered_set<std::string_view> notice_starts;  // first words of the notices
  std::size_t max_words = 1;
};

const Index& PhraseIndex() {
  static const Index kIndex = [] {
    Index index;
    for (const Group& g : Groups()) {
      for (std::string_view p : g.phrases) {
        auto [it, inserted] = index.by_phrase.try_emplace(p);
        if (inserted) it->second.fill(ChromeKind::kNone);
        if (it->second[g.how] == ChromeKind::kNone) it->second[g.how] = g.kind;
        if (g.how == kNotice) index.notice_starts.insert(p.substr(0, p.find(' ')));
        std::size_t words = 1;
        for (char c : p) words += c == ' ';
        if (words > index.max_words) index.max_words = words;
      }
    }
    return index;
  }();
  return kIndex;
}

ChromeKind Lookup(std::string_view phrase, How how) {
  const Index& index = PhraseIndex();
  auto it = index.by_phrase.find(phrase);
  return it == index.by_phrase.end() ? ChromeKind::kNone : it->second[how];
}

// Decodes the code point at s[*i] (advancing *i); ill-formed bytes read as U+FFFD.
char32_t NextCodePoint(std::string_view s, std::size_t* i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(*i);
  std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || *i + n > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (b(*i + k) & 0x3F);
  *i += n;
  return cp;
}

char32_t Lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if (c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x137) return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c + (c & 1);
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c == 0x178) return 0xFF;
  if (c >= 0x391 && c <= 0x3A9) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFFFD) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, arrows, symbols
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE6F) return false;  // compatibility punctuation
  if (c >= 0xFF00 && c <= 0xFF0F) return false;  // full-width punctuation
  return true;
}

// The words of `folded` (already split by single spaces).
std::vector<std::string_view> Words(std::string_view folded) {
  std::vector<std::string_view> words;
  for (std::string_view w : Split(folded, ' '))
    if (!w.empty()) words.push_back(w);
  return words;
}

// words[from, from + n) as one view of the string they were split from.
std::string_view Span(const std::vector<std::string_view>& words, std::size_t from, std::size_t n) {
  const char* begin = words[from].data();
  const char* end = words[from + n - 1].data() + words[from + n - 1].size();
  return std::string_view(begin, static_cast<std::size_t>(end - begin));
}

bool IsNumber(std::string_view w) {
  for (char c : w)
    if (c < '0' || c > '9') return false;
  return !w.empty();
}

}  // namespace

std::string FoldChromeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool gap = false;
  auto word_break = [&] { gap = !out.empty(); };
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = NextCodePoint(text, &i);
    if (c == ':' || c == 0xA9) {
      if (!out.empty()) out += ' ';
      if (c == ':')
        out += ':';
      else
        out += "\xC2\xA9";
      gap = true;
      continue;
    }
    if (!IsWordCodePoint(c)) {
      word_break();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    AppendUtf8(&out, Lower(c));
  }
  return out;
}

namespace {

// `folded` without counters and colons, which do not change a label: "Kommentare (3)".
std::string LabelWords(std::string_view folded) {
  std::string label;
  for (std::string_view w : Words(folded)) {
    if (w == ":" || IsNumber(w)) continue;
    if (!label.empty()) label += ' ';
    label += w;
  }
  return label;
}

// The kind of the longest phrase of `how` that `folded` starts with.
ChromeKind StartKind(std::string_view folded, How how) {
  std::vector<std::string_view> words = Words(folded);
  std::size_t most = std::min(words.size(), PhraseIndex().max_words);
  for (std::size_t n = most; n >= 1; --n) {
    ChromeKind kind = Lookup(Span(words, 0, n), how);
    if (kind != ChromeKind::kNone) return kind;
  }
  return ChromeKind::kNone;
}

}  // namespace

ChromeKind LabelKind(std::string_view folded) {
  std::string label = LabelWords(folded);
  return label.empty() ? ChromeKind::kNone : Lookup(label, kLabel);
}

ChromeKind HeadingKind(std::string_view folded) { return StartKind(LabelWords(folded), kHeading); }

ChromeKind LeadInKind(std::string_view folded) { return StartKind(folded, kLeadIn); }

ChromeKinds NoticeKinds(std::string_view folded) {
  const Index& index = PhraseIndex();
  ChromeKinds kinds;
  std::vector<std::string_view> words = Words(folded);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (index.notice_starts.count(words[i]) == 0) continue;
    std::size_t most = std::min(words.size() - i, index.max_words);
    for (std::size_t n = 1; n <= most; ++n) kinds.Add(Lookup(Span(words, i, n), kNotice));
  }
  return kinds;
}

bool OpensSection(ChromeKind kind) {
  return kind == ChromeKind::kRelated || kind == ChromeKind::kComments ||
         kind == ChromeKind::kAuthor;
}

const char* ChromeKindName(ChromeKind kind) {
  switch (kind) {
    case ChromeKind::kRelated:
      return "related";
    case ChromeKind::kComments:
      return "comments";
    case ChromeKind::kAuthor:
      return "author";
    case ChromeKind::kShare:
      return "share";
    case ChromeKind::kFollow:
      return "follow";
    case ChromeKind::kSubscribe:
      return "subscribe";
    case ChromeKind::kRating:
      return "rating";
    case ChromeKind::kAd:
      return "ad";
    case ChromeKind::kCredit:
      return "credit";
    case ChromeKind::kMeta:
      return "meta";
    case ChromeKind::kLegal:
      return "legal";
    case ChromeKind::kControl:
      return "control";
    default:
      return "none";
  }
}

}  // namespace gpalert
