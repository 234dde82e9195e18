//! §6.1.2 and §6.2.2 of the Regulamento Técnico CET-MG — *Tratamento de erros (padrões)*: the
//! standard errors and refusals the POC must show on screen (400 stopped by the SDK, 409, 404;
//! against the simulators also 401 renewed by the SDK, 429 and 500).

#[allow(clippy::wildcard_imports)]
use crate::prelude::*;

impl Roteiro {
    /// A CET-MG error as shown on screen for §6.1.2/§6.2.2: the HTTP status is the code (what
    /// the regulation lists), with `codigo_retorno`, the gateway code and the message as lines.
    pub(crate) fn recusa_http(&mut self, e: &renave_mg_client::Erro) -> Recusa {
        let rec = recusa_mg(e);
        self.linha(format!(
            "HTTP {} | codigo_retorno: {} | código do gateway: {}",
            texto_opcional(e.status()),
            texto_opcional(e.codigo_retorno()),
            texto_opcional(e.codigo_gateway()),
        ));
        Recusa {
            codigo: e.status().map(|s| s.to_string()).or(rec.codigo),
            mensagem: rec.mensagem,
        }
    }

    /// R §6.1.2 and §6.2.2 ("Todos os retornos deverão ser exibidos em tela"): the standard
    /// errors of the API shown to the user — a malformed CPF stopped by the SDK (the 400 is
    /// never provoked), an owner that does not match (409), a vehicle not found (404); against
    /// the simulators also an expired token (401, renewed by the SDK), throttling (429) and a
    /// server error (500).
    pub async fn tratamento_de_erros(&mut self) -> Etapa<()> {
        let cnpj = self.dados.cnpj_estabelecimento;
        let carro = self.dados.carro.cetmg.clone();

        // 400: the SDK validates before sending.
        self.linha("o lojista digitou o CPF do proprietário com dígito verificador errado");
        let r = "52998224700".parse::<CpfCnpj>().map_err(|e| Recusa {
            codigo: Some("cliente".to_owned()),
            mensagem: format!(
                "CPF/CNPJ inválido ({e}); nada foi enviado — a API responderia 400 Bad Request"
            ),
        });
        self.recusar(
            "6.1.2",
            "400 — Aptidão com CPF do proprietário mal formatado".to_owned(),
            Some("cliente"),
            r,
        );

        // 409: the owner does not match the vehicle's register.
        let outro = CpfCnpj::from(self.dados.cpf_comprador);
        self.linha(format!(
            "chassi {} com proprietário {} (não é o dono)",
            carro.chassi,
            doc(&outro)
        ));
        let r = self
            .mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                carro.chassi,
                outro,
                cnpj,
            ))
            .await;
        let r = r.map_err(|e| self.recusa_http(&e));
        self.recusar(
            "6.1.2",
            "409 — Aptidão com proprietário que não confere — carro".to_owned(),
            Some("409"),
            r,
        );

        // 404: no vehicle for the combination sent.
        let desconhecido: Chassi = "9BWAA05U6FP099999".parse().map_err(|_| Interrompido)?;
        self.linha(format!("chassi {desconhecido} (não cadastrado)"));
        let r = self
            .mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                desconhecido,
                carro.proprietario,
                cnpj,
            ))
            .await;
        let r = r.map_err(|e| self.recusa_http(&e));
        self.recusar(
            "6.1.2",
            "404 — Aptidão de veículo não localizado".to_owned(),
            Some("404"),
            r,
        );

        // 401, 429, 500: only the simulator can provoke them on demand.
        fn tokens(reqs: &[wiremock::Request]) -> usize {
            reqs.iter()
                .filter(|q| q.url.path().ends_with("/gerar-token"))
                .count()
        }
        let Some(sims) = self.sim() else {
            return Ok(());
        };
        let antes = tokens(&sims.cetmg.requisicoes_recebidas().await);
        sims.cetmg.expirar_tokens();
        self.linha("[simulador] o token em uso expirou");
        let r = self
            .mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                carro.chassi,
                carro.proprietario,
                cnpj,
            ))
            .await;
        let depois = match self.sim() {
            Some(sims) => tokens(&sims.cetmg.requisicoes_recebidas().await),
            None => antes,
        };
        self.linha(format!(
            "a API respondeu 401 (token expirado); o SDK pediu novo token (gerar-token: {} chamada(s)) e repetiu a consulta",
            depois.saturating_sub(antes)
        ));
        let r = r.map_err(|e| self.recusa_http(&e)).and_then(|ok| {
            if depois > antes {
                Ok(ok)
            } else {
                Err(Recusa {
                    codigo: None,
                    mensagem: "nenhum token novo foi pedido".to_owned(),
                })
            }
        });
        self.exigir(
            "6.1.2",
            "401 — Token expirado: renovado pelo SDK, consulta repetida — carro".to_owned(),
            r,
            |ok| vec![envelope(&ok.retorno)],
        )?;

        for (status, titulo) in [
            (429_u16, "429 — Limite de chamadas excedido"),
            (500, "500 — Erro inesperado no serviço"),
        ] {
            if let Some(sims) = self.sim() {
                sims.cetmg.falhar_proximas(1, status);
            }
            self.linha(format!(
                "[simulador] a próxima resposta da API será HTTP {status}"
            ));
            let r = self
                .mg
                .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                    carro.chassi,
                    carro.proprietario,
                    cnpj,
                ))
                .await;
            if let Some(sims) = self.sim() {
                sims.cetmg.limpar_falhas();
            }
            let r = r.map_err(|e| self.recusa_http(&e));
            self.recusar(
                "6.1.2",
                format!("{titulo} — carro"),
                Some(if status == 429 { "429" } else { "500" }),
                r,
            );
        }
        Ok(())
    }
}
