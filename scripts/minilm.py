"""Embeddings of the sentence-transformers model all-MiniLM-L6-v2 (Apache-2.0) computed with
numpy alone: the BERT encoder, mean pooling over the tokens and L2 normalisation, as the model's
own modules.json prescribes.  Used by build_lexicons.py to measure how close two English words
are in meaning; needs numpy, safetensors and tokenizers, never the linter itself."""
import math
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

class MiniLM:
    """The encoder, loaded from a folder holding model.safetensors and tokenizer.json."""

    def __init__(self, model_dir):
        self.w = {k: v.astype(np.float32) for k, v in load_file(model_dir + "/model.safetensors").items()}
        self.tok = Tokenizer.from_file(model_dir + "/tokenizer.json")
        self.tok.no_truncation()
        self.tok.no_padding()
        self.layers = 6
        self.heads = 12

    @staticmethod
    def _ln(x, g, b, eps=1e-12):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + eps) * g + b

    def _lin(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def encode(self, texts, batch=256):
        """Unit-length embeddings of `texts`, one row each."""
        out = []
        for s in range(0, len(texts), batch):
            encs = self.tok.encode_batch(texts[s:s + batch])
            L = max(len(e.ids) for e in encs)
            ids = np.zeros((len(encs), L), dtype=np.int64)
            mask = np.zeros((len(encs), L), dtype=np.float32)
            for i, e in enumerate(encs):
                ids[i, :len(e.ids)] = e.ids
                mask[i, :len(e.ids)] = 1
            w = self.w
            x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:L][None] \
                + w["embeddings.token_type_embeddings.weight"][0][None, None]
            x = self._ln(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
            B, H, D = x.shape[0], self.heads, x.shape[2] // self.heads
            bias = (1.0 - mask)[:, None, None, :] * -1e9
            for l in range(self.layers):
                p = "encoder.layer.%d." % l
                q = self._lin(x, p + "attention.self.query").reshape(B, L, H, D).transpose(0, 2, 1, 3)
                k = self._lin(x, p + "attention.self.key").reshape(B, L, H, D).transpose(0, 2, 1, 3)
                v = self._lin(x, p + "attention.self.value").reshape(B, L, H, D).transpose(0, 2, 1, 3)
                a = q @ k.transpose(0, 1, 3, 2) / math.sqrt(D) + bias
                a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
                c = (a @ v).transpose(0, 2, 1, 3).reshape(B, L, H * D)
                x = self._ln(x + self._lin(c, p + "attention.output.dense"),
                             w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
                h = self._lin(x, p + "intermediate.dense")
                h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))  # exact GELU
                x = self._ln(x + self._lin(h, p + "output.dense"),
                             w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
            e = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(e / np.linalg.norm(e, axis=1, keepdims=True))
        return np.concatenate(out)

def erf(x):
    """The error function, elementwise (Abramowitz and Stegun 7.1.26, error below 1.5e-7)."""
    s = np.sign(x); x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-x * x)
    return s * y

if __name__ == "__main__":
    import sys
    model = MiniLM(sys.argv[1])
    words = sys.argv[2:]
    sims = model.encode(words) @ model.encode(words).T
    for i, a in enumerate(words):
        print(a, " ".join("%s=%.2f" % (b, sims[i, j]) for j, b in enumerate(words) if j != i))
